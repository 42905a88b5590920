package io.lakegate.demo.check;

/** A step of the check did not go as a working demo goes; the message names the step and what came back. */
final class CheckFailed extends RuntimeException {

    CheckFailed(String message) {
        super(message, null, false, false);
    }
}

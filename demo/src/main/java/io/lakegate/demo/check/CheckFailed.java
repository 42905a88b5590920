package io.lakegate.demo.check;

/** A step of the check did not go as a working demo goes; the message names the step and what came back. */
public final class CheckFailed extends RuntimeException {

    public CheckFailed(String message) {
        super(message, null, false, false);
    }
}

package io.lakegate.emulator.uc;

import java.util.regex.Pattern;

/** SQL LIKE patterns as /table-summaries takes them: {@code %} any run, {@code _} one character, case-insensitive. */
public final class LikePattern {

    private LikePattern() {}

    public static Pattern compile(String like) {
        StringBuilder re = new StringBuilder();
        for (char ch : like.toCharArray()) {
            switch (ch) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }
}

package fazt.cli;

/**
 * Mail text as a terminal may show it: headers and bodies come from strangers, so control characters (escape
 * sequences that could rewrite the screen or the title, carriage returns that hide text) are shown as {@code ?}.
 */
final class MailText {
    private MailText() {}

    /** One line: every control character, line breaks included, becomes {@code ?}; cut to {@code max} characters. */
    static String line(String text, int max) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cc}|\\p{Cf}", "?");
        return clean.length() <= max ? clean : clean.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** A body: line breaks and tabs kept, other control characters become {@code ?}. */
    static String body(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r\n", "\n").replaceAll("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]", "?");
    }
}

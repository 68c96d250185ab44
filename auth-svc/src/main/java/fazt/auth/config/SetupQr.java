package fazt.auth.config;

import io.nayuki.qrcodegen.QrCode;

/**
 * Renders a QR code as text for a terminal log: two modules per character using half blocks, with the quiet zone
 * the standard asks for, light modules drawn as blocks so it scans on dark terminals.
 */
public final class SetupQr {
    private static final int QUIET = 2;

    private SetupQr() {}

    public static String render(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        int size = qr.size;
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET; y < size + QUIET; y += 2) {
            for (int x = -QUIET; x < size + QUIET; x++) {
                boolean top = light(qr, x, y);
                boolean bottom = light(qr, x, y + 1);
                out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Whether a module is light (outside the symbol counts as light: the quiet zone). */
    private static boolean light(QrCode qr, int x, int y) {
        return x < 0 || y < 0 || x >= qr.size || y >= qr.size || !qr.getModule(x, y);
    }
}

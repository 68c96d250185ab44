package fazt.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;

class SetupQrTest {
    @Test
    void everyModuleOfTheCodeIsDrawnWithAQuietZoneAroundIt() {
        String link = "http://admin.localhost:8080/_fazt/setup/Hk3v9q2m7x4bzPqRHk3v9q2m7x4bzPqRabcdefgh";
        QrCode qr = QrCode.encodeText(link, QrCode.Ecc.LOW);
        String[] lines = SetupQr.render(link).split("\n");
        int side = qr.size + 4;
        assertThat(lines).hasSize((side + 1) / 2);
        for (int y = -2; y < qr.size + 2; y++) {
            for (int x = -2; x < qr.size + 2; x++) {
                char c = lines[(y + 2) / 2].charAt(x + 2);
                boolean top = (y + 2) % 2 == 0;
                boolean light = top ? (c == '█' || c == '▀') : (c == '█' || c == '▄');
                boolean dark = x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
                assertThat(light).as("module %d,%d", x, y).isEqualTo(!dark);
            }
        }
    }
}

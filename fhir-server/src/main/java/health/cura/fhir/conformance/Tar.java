package health.cura.fhir.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A POSIX ustar archive of regular files, all the NPM package format needs. */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {
    }

    static byte[] of(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, content) -> {
            out.writeBytes(header(name, content.length));
            out.writeBytes(content);
            out.writeBytes(new byte[(BLOCK - content.length % BLOCK) % BLOCK]);
        });
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String name, int size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 100) {
            throw new IllegalArgumentException("A file name longer than 100 characters: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        put(header, 100, octal(0644, 7));
        put(header, 108, octal(0, 7));
        put(header, 116, octal(0, 7));
        put(header, 124, octal(size, 11));
        put(header, 136, octal(0, 11));
        header[156] = '0';
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, octal(sum, 6));
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static byte[] octal(long value, int digits) {
        String text = String.format("%0" + digits + "o", value);
        byte[] field = new byte[digits + 1];
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, field, 0, digits);
        return field;
    }

    private static void put(byte[] header, int at, byte[] value) {
        System.arraycopy(value, 0, header, at, value.length);
    }
}

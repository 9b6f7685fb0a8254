package ua.gov.nsoz.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls' recordings (issue 16): WAV, MP3 and OGG told by their content, with the names each may carry. */
@DisplayName("Documents: audio types by their content")
class AudioTypesTest {

    @TempDir
    Path dir;

    Optional<String> sniff(byte[] bytes) throws Exception {
        Path f = Files.write(dir.resolve("f" + System.nanoTime()), bytes);
        return ContentTypes.sniff(f, Arrays.copyOf(bytes, Math.min(16, bytes.length)));
    }

    /** A WAV of 0.01 s of silence, 8 kHz mono 16 bit (synthetic). */
    static byte[] wav() {
        byte[] b = new byte[44 + 160];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = (byte) (b.length - 8);
        System.arraycopy("WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        return b;
    }

    @Test
    @DisplayName("RIFF WAVE, OggS, ID3 and an MPEG layer III frame; a RIFF of another form is no audio")
    void audio() throws Exception {
        assertEquals(Optional.of(ContentTypes.WAV), sniff(wav()));
        byte[] ogg = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, ogg, 0, 4);
        assertEquals(Optional.of(ContentTypes.OGG), sniff(ogg));
        byte[] id3 = new byte[64];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, id3, 0, 3);
        id3[3] = 4;
        assertEquals(Optional.of(ContentTypes.MP3), sniff(id3));
        byte[] frame = new byte[64];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB; // MPEG-1 layer III, no CRC
        frame[2] = (byte) 0x90;
        assertEquals(Optional.of(ContentTypes.MP3), sniff(frame));
        byte[] layer2 = frame.clone();
        layer2[1] = (byte) 0xFD; // layer II: not taken
        assertEquals(Optional.empty(), sniff(layer2));
        byte[] avi = wav();
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        assertEquals(Optional.empty(), sniff(avi));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
        assertEquals(Optional.of(ContentTypes.JPEG), sniff(jpeg), "a JPEG's FF D8 is no MPEG frame");
    }

    @Test
    @DisplayName("allowed by default, and a name must fit the content")
    void names() {
        assertTrue(ContentTypes.DEFAULT_ALLOWED.containsAll(java.util.List.of(ContentTypes.WAV, ContentTypes.MP3,
                ContentTypes.OGG)));
        assertTrue(ContentTypes.nameFits("call-1.wav", ContentTypes.WAV));
        assertTrue(ContentTypes.nameFits("call-1.MP3", ContentTypes.MP3));
        assertTrue(ContentTypes.nameFits("call-1.opus", ContentTypes.OGG));
        assertFalse(ContentTypes.nameFits("call-1.pdf", ContentTypes.WAV));
    }
}

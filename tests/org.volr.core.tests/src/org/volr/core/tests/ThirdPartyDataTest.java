package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The third-party files under testdata/ are the ones testdata/PROVENANCE.md describes: every file listed there, with
 * the SHA-256 written there, and no file that is not listed. A replaced file would otherwise change a figure the
 * tests assert without anyone noticing where it came from.
 */
class ThirdPartyDataTest {
    /** A table row: | `name` | ... | 64 hex digits | ... */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\| ([0-9a-f]{64}) \\|", Pattern.MULTILINE);

    @Test
    void everyFileIsListedWithItsChecksum() throws Exception {
        Path root = TestFiles.thirdParty();
        Map<String, String> listed = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(root.resolve("PROVENANCE.md")));
        while (m.find())
            listed.put(m.group(1), m.group(2));
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("PROVENANCE.md")).toList())
                present.put(f.getFileName().toString(), sha256(f));
        }
        assertEquals(13, listed.size(), "rows in PROVENANCE.md: " + listed.keySet());
        assertEquals(listed, present, "testdata/ and PROVENANCE.md disagree (file names and SHA-256)");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

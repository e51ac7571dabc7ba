package io.genjin.classifier.accuracy;

import io.genjin.classifier.mime.Charsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading corpus files: labels as JSON, bodies as text (UTF-8 unless the bytes say otherwise). */
final class CorpusFiles {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CorpusFiles() {
    }

    static JsonNode json(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable labels " + file.getFileName(), e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return Charsets.decode(bytes(file), "utf-8");
    }
}

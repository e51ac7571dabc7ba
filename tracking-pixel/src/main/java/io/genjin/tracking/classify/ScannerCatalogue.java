package io.genjin.tracking.classify;

import io.genjin.tracking.token.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Who fetches tracking URLs besides people: privacy proxies and mail security scanners, each known by
 * the networks it fetches from and the user agents it sends. The catalogue is data
 * ({@code scanner-catalogue.yml} in this module, or a file named in configuration), read in order;
 * the first family that matches a hit decides.
 */
public final class ScannerCatalogue {
    public static final String BUILT_IN = "/io/genjin/tracking/scanner-catalogue.yml";
    private static final int SEEN_MAX = 10_000;
    private final List<Family> families;
    private final String source;
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<Match>> seen = new java.util.concurrent.ConcurrentHashMap<>();

    ScannerCatalogue(List<Family> families, String source) {
        this.families = List.copyOf(families);
        this.source = source;
    }

    /** The catalogue shipped with Genjin. */
    public static ScannerCatalogue builtIn() {
        try (InputStream in = ScannerCatalogue.class.getResourceAsStream(BUILT_IN)) {
            return parse(in, "built-in " + BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue from a file, replacing the built-in one (copy it and edit; no rebuild needed). */
    public static ScannerCatalogue fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scanner catalogue " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static ScannerCatalogue parse(InputStream in, String source) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(root instanceof Map<?, ?> map) || !(map.get("families") instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": expected a top-level 'families' list");
        }
        List<Family> families = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> f = (Map<String, Object>) item;
            String code = required(f, "code", source);
            try {
                families.add(new Family(code, String.valueOf(f.getOrDefault("name", code)),
                        Boolean.TRUE.equals(f.get("human")),
                        ((Number) f.getOrDefault("confidence", 0.8)).doubleValue(),
                        kinds((List<Object>) f.get("kinds")),
                        strings(f.get("ranges")).stream().map(Cidr::parse).toList(),
                        strings(f.get("user-agents")).stream().map(Pattern::compile).toList()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ", family " + code + ": " + e.getMessage(), e);
            }
        }
        return new ScannerCatalogue(families, source);
    }

    /**
     * The first family whose user agent pattern or network matches this hit. Answers are remembered
     * (the catalogue never changes): a scanner storm repeats a few addresses and user agents.
     */
    public Optional<Match> match(Token.Kind kind, String ip, String userAgent) {
        String key = kind.name() + '\n' + ip + '\n' + userAgent;
        Optional<Match> known = seen.get(key);
        if (known == null) {
            if (seen.size() > SEEN_MAX) {
                seen.clear();
            }
            known = lookup(kind, ip, userAgent);
            seen.put(key, known);
        }
        return known;
    }

    private Optional<Match> lookup(Token.Kind kind, String ip, String userAgent) {
        byte[] address = Cidr.literal(ip).orElse(null);
        String ua = userAgent == null ? "" : userAgent;
        for (Family family : families) {
            if (!family.kinds().contains(kind)) {
                continue;
            }
            for (Pattern pattern : family.userAgents()) {
                if (pattern.matcher(ua).find()) {
                    return Optional.of(new Match(family, "user agent /" + pattern.pattern() + "/"));
                }
            }
            if (address != null) {
                for (Cidr range : family.ranges()) {
                    if (range.contains(address)) {
                        return Optional.of(new Match(family, "network " + range));
                    }
                }
            }
        }
        return Optional.empty();
    }

    public List<Family> families() {
        return families;
    }

    public String source() {
        return source;
    }

    private static String required(Map<String, Object> f, String key, String source) {
        Object value = f.get(key);
        if (value == null) {
            throw new IllegalArgumentException(source + ": a family without '" + key + "'");
        }
        return value.toString();
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static Set<Token.Kind> kinds(List<Object> values) {
        if (values == null || values.isEmpty()) {
            return Set.of(Token.Kind.values());
        }
        return Set.copyOf(values.stream().map(v -> switch (v.toString().toLowerCase(Locale.ROOT)) {
            case "open" -> Token.Kind.OPEN;
            case "click" -> Token.Kind.CLICK;
            default -> throw new IllegalArgumentException("kinds are 'open' and 'click', not " + v);
        }).toList());
    }

    /** One kind of fetcher: a privacy proxy (human = true: it fetches when a person opens) or a scanner. */
    public record Family(String code, String name, boolean human, double confidence, Set<Token.Kind> kinds,
            List<Cidr> ranges, List<Pattern> userAgents) {
    }

    /** Which family matched, and on what (for the log and the hit record). */
    public record Match(Family family, String on) {
        public Verdict verdict() {
            return new Verdict(family.human(), family.code(), family.confidence());
        }
    }
}

package io.genjin.app.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Genjin keeps its data. With {@code mongodbUri} blank (the default) an embedded
 * MongoDB-wire server runs in-process over a file in {@code dataDir}; with it set, that real
 * MongoDB is used and nothing embedded starts.
 *
 * @param mongodbUri a MongoDB connection string ({@code MONGODB_URI}); its path names the database
 * @param dataDir    the data directory for the embedded store ({@code GENJIN_DATA_DIR})
 * @param database   the database name when the URI does not name one
 */
@ConfigurationProperties("genjin.store")
public record StoreProperties(String mongodbUri, @DefaultValue("./data") Path dataDir,
        @DefaultValue("genjin") String database) {

    public boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}

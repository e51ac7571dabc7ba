package io.genjin.app.imports;

import io.genjin.reports.imports.ImportField;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's named column mapping, kept by header name so that it fits the next export of the same
 * tool. The id is the user's id and the name, so saving under a name again replaces it.
 */
@Document("import_profiles")
public record ImportProfile(String id, String userId, String name, List<Header> columns, Instant savedAt) {

    public record Header(String header, ImportField field) {
    }

    static String idOf(String userId, String name) {
        return userId + "/" + name;
    }
}

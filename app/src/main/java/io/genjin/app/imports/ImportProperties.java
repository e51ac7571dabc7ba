package io.genjin.app.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Imports of customers and address books (docs/import.md).
 *
 * @param maxSize the largest file accepted (413 above it); the servlet's multipart limit must be at
 *                least this ({@code spring.servlet.multipart.max-file-size})
 * @param sampleRows how many first rows the mapping step shows
 */
@ConfigurationProperties("genjin.imports")
record ImportProperties(@DefaultValue("50MB") DataSize maxSize, @DefaultValue("10") int sampleRows) {
}

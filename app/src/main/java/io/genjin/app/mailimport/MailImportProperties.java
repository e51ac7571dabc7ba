package io.genjin.app.mailimport;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Mail archive imports (docs/ingestion.md, "Importing an archive").
 *
 * @param maxSize the largest upload (all its files together; 413 above it); the servlet's multipart
 *                limits ({@code spring.servlet.multipart.*}) must be at least this
 */
@ConfigurationProperties("genjin.mail-imports")
record MailImportProperties(@DefaultValue("500MB") DataSize maxSize) {
}

package io.genjin.outlook.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The manifest validated against the add-in manifest XML schemas (test resources, schema/README.md
 * says where they come from and what was added), offline, with the JDK's validator.
 */
class ManifestSchemaTest {
    private static final Schema SCHEMA = schema();
    private final AddinManifest manifest = new AddinManifest(URI.create("https://crm.example.com"),
            "6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41", List.of(URI.create("https://login.microsoftonline.com")));

    @Test
    void theManifestIsValidByTheSchemas() throws Exception {
        validate(manifest.xml());
    }

    @Test
    void theSchemasRefuseWhatOutlookWouldRefuse() {
        String providerLast = manifest.xml().replace("  <ProviderName>Genjin</ProviderName>\n", "")
                .replace("<DefaultLocale>en-US</DefaultLocale>", "<DefaultLocale>en-US</DefaultLocale>\n  <ProviderName>Genjin</ProviderName>");
        String hardBlock = manifest.xml().replace("SendMode=\"SoftBlock\"", "SendMode=\"HardBlock\"");
        String badVersion = manifest.xml().replace("<Version>" + AddinManifest.VERSION + "</Version>", "<Version>one</Version>");
        String runtimeAfterFormFactor = manifest.xml().replaceFirst("(?s)(\\s*<Runtimes>.*?</Runtimes>)(\\s*<DesktopFormFactor>.*?</DesktopFormFactor>)", "$2$1");

        assertThatThrownBy(() -> validate(providerLast)).hasMessageContaining("ProviderName");
        assertThatThrownBy(() -> validate(hardBlock)).hasMessageContaining("HardBlock");
        assertThatThrownBy(() -> validate(badVersion)).hasMessageContaining("one");
        assertThat(runtimeAfterFormFactor).isNotEqualTo(manifest.xml());
        assertThatThrownBy(() -> validate(runtimeAfterFormFactor)).hasMessageContaining("Runtimes");
    }

    private static void validate(String xml) throws Exception {
        Validator validator = SCHEMA.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new StreamSource(new StringReader(xml)));
    }

    private static Schema schema() {
        try {
            URL main = ManifestSchemaTest.class.getResource("schema/OfficeAppManifestV1_1.xsd");
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // The imports are the files beside it, read from the classpath (file: or jar:), never from the network.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            return factory.newSchema(main);
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.genjin.outlook.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class AddinManifestTest {
    private static final String ID = "6f0c7b8e-3f7a-4d1e-9a55-0c1e6a2b9d41";
    private final AddinManifest manifest = new AddinManifest(URI.create("https://crm.example.com/"), ID,
            List.of(URI.create("https://login.microsoftonline.com/organizations")));

    @Test
    void theManifestIsWellFormedAndNamesTheConfiguredHostAndId() throws Exception {
        Document doc = parse(manifest.xml());

        assertThat(text(doc, SchemaOrder.APP, "Id")).isEqualTo(ID);
        assertThat(text(doc, SchemaOrder.APP, "Version")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(doc.getDocumentElement().getAttributeNS(SchemaOrder.XSI, "type")).isEqualTo("MailApp");
        assertThat(manifest.xml()).doesNotContain("{{").doesNotContain("//addin");
        assertThat(urls(doc)).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("https://crm.example.com/addin/"));
        assertThat(texts(doc, SchemaOrder.APP, "AppDomain"))
                .containsExactly("https://crm.example.com", "https://login.microsoftonline.com");
    }

    @Test
    void everyElementIsWhereAndInTheOrderTheSchemaDeclares() throws Exception {
        assertThat(SchemaOrder.violations(parse(manifest.xml()).getDocumentElement())).isEmpty();
    }

    @Test
    void theOrderCheckCatchesAnElementOutOfPlace() throws Exception {
        String swapped = manifest.xml().replace("  <ProviderName>Genjin</ProviderName>\n", "")
                .replace("<DefaultLocale>en-US</DefaultLocale>", "<DefaultLocale>en-US</DefaultLocale>\n  <ProviderName>Genjin</ProviderName>");
        String pinningFirst = manifest.xml().replaceFirst(
                "(<SourceLocation resid=\"Taskpane.Url\"/>\\s*)(<SupportsPinning>true</SupportsPinning>)", "$2$1");

        assertThat(SchemaOrder.violations(parse(swapped).getDocumentElement()))
                .anySatisfy(v -> assertThat(v).contains("app:ProviderName is out of order"));
        assertThat(SchemaOrder.violations(parse(pinningFirst).getDocumentElement()))
                .anySatisfy(v -> assertThat(v).contains("mo11:SourceLocation is out of order"));
    }

    @Test
    void everyResidResolvesToAResourceOfItsKindInItsOwnVersionOverrides() throws Exception {
        Document doc = parse(manifest.xml());
        List<Element> overrides = elements(doc.getDocumentElement(), "VersionOverrides");
        assertThat(overrides).hasSize(2);

        for (Element versionOverrides : overrides) {
            Map<String, String> resources = resources(versionOverrides);
            List<String> problems = new ArrayList<>();
            for (Element withResid : withResid(versionOverrides)) {
                String resid = withResid.getAttribute("resid");
                String wanted = kind(withResid);
                if (resid.length() > 32) {
                    problems.add(resid + " is longer than 32 characters");
                }
                if (!wanted.equals(resources.get(resid))) {
                    problems.add(withResid.getLocalName() + " resid=" + resid + " wants a " + wanted + ", found "
                            + resources.get(resid));
                }
            }
            assertThat(problems).as(versionOverrides.getAttributeNS(SchemaOrder.XSI, "type")).isEmpty();
        }
    }

    @Test
    void theSendCheckIsASoftBlockSmartAlertRunByTheCommandsPageOrItsScript() throws Exception {
        Document doc = parse(manifest.xml());
        Element launchEvent = elements(doc.getDocumentElement(), "LaunchEvent").stream()
                .filter(e -> e.hasAttribute("Type")).findFirst().orElseThrow();
        Element runtime = elements(doc.getDocumentElement(), "Runtime").get(0);
        Element launchPoint = (Element) launchEvent.getParentNode().getParentNode();
        Map<String, String> urls = urlValues(doc);

        assertThat(launchEvent.getAttribute("Type")).isEqualTo("OnMessageSend");
        assertThat(launchEvent.getAttribute("SendMode")).isEqualTo("SoftBlock");
        assertThat(launchEvent.getAttribute("FunctionName")).isEqualTo("onMessageSendHandler");
        assertThat(SchemaOrder.children(launchPoint).get(1).getAttribute("resid")).isEqualTo(runtime.getAttribute("resid"));
        assertThat(urls.get(runtime.getAttribute("resid"))).isEqualTo("https://crm.example.com/addin/commands.html");
        Element override = SchemaOrder.children(runtime).get(0);
        assertThat(override.getAttribute("type")).isEqualTo("javascript");
        assertThat(urls.get(override.getAttribute("resid"))).isEqualTo(manifest.allowedScripts().get(0))
                .isEqualTo("https://crm.example.com/addin/commands.js");
        assertThat(manifest.xml()).doesNotContain("SendMode=\"Block\"");
    }

    @Test
    void readAndComposeButtonsOpenTheTaskPaneAndArePinnableWhereTheClientCanPin() throws Exception {
        Document doc = parse(manifest.xml());
        List<String> surfaces = elements(doc.getDocumentElement(), "ExtensionPoint").stream()
                .map(e -> e.getNamespaceURI().endsWith("1.1") + " " + e.getAttributeNS(SchemaOrder.XSI, "type")).toList();

        assertThat(surfaces).containsExactly("false MessageReadCommandSurface", "false MessageComposeCommandSurface",
                "true MessageReadCommandSurface", "true MessageComposeCommandSurface", "true LaunchEvent");
        assertThat(texts(doc, SchemaOrder.MO11, "SupportsPinning")).containsExactly("true", "true");
        assertThat(texts(doc, SchemaOrder.MO, "SupportsPinning")).isEmpty();
        assertThat(urlValues(doc).get("Taskpane.Url")).isEqualTo("https://crm.example.com/addin/taskpane.html");
    }

    @Test
    void labelsAreInEnglishWithChineseOverrides() throws Exception {
        Document doc = parse(manifest.xml());
        NodeList strings = doc.getElementsByTagNameNS(SchemaOrder.BT, "String");

        assertThat(strings.getLength()).isPositive();
        for (int i = 0; i < strings.getLength(); i++) {
            Element string = (Element) strings.item(i);
            assertThat(SchemaOrder.children(string)).as(string.getAttribute("id"))
                    .singleElement().satisfies(o -> assertThat(o.getAttribute("Locale")).isEqualTo("zh-CN"));
        }
        assertThat(text(doc, SchemaOrder.APP, "DefaultLocale")).isEqualTo("en-US");
    }

    @Test
    void aPathAndMarkupInThePublicUrlAreKeptAndEscaped() throws Exception {
        AddinManifest underPath = new AddinManifest(URI.create("https://crm.example.com:8443/genjin&co"), ID.toUpperCase(), List.of());
        Document doc = parse(underPath.xml());

        assertThat(urlValues(doc).get("Taskpane.Url")).isEqualTo("https://crm.example.com:8443/genjin&co/addin/taskpane.html");
        assertThat(text(doc, SchemaOrder.APP, "Id")).isEqualTo(ID);
        assertThat(texts(doc, SchemaOrder.APP, "AppDomain")).containsExactly("https://crm.example.com:8443");
    }

    @Test
    void aPublicUrlOrIdTheManifestCannotCarryIsRefused() {
        assertThatThrownBy(() -> new AddinManifest(URI.create("ftp://crm.example.com"), ID, List.of()))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new AddinManifest(URI.create("https://crm.example.com/?x=1"), ID, List.of()))
                .hasMessageContaining("without query");
        assertThatThrownBy(() -> new AddinManifest(URI.create("https://crm.example.com"), "genjin", List.of()))
                .hasMessageContaining("GUID");
    }

    /** The kind of resource a resid must name, by the element that carries it. */
    private static String kind(Element element) {
        return switch (element.getLocalName()) {
            case "Image" -> "Image";
            case "Label", "Title" -> "ShortString";
            case "Description" -> "LongString";
            default -> "Url"; // FunctionFile, SourceLocation, Runtime, Override
        };
    }

    /** The resources declared in this VersionOverrides' own Resources (ids unique across kinds). */
    private static Map<String, String> resources(Element versionOverrides) {
        Element resources = SchemaOrder.children(versionOverrides).stream()
                .filter(e -> e.getLocalName().equals("Resources")).findFirst().orElseThrow();
        Map<String, String> kinds = new HashMap<>();
        for (Element group : SchemaOrder.children(resources)) {
            String kind = switch (group.getLocalName()) {
                case "Images" -> "Image";
                case "Urls" -> "Url";
                case "ShortStrings" -> "ShortString";
                default -> "LongString";
            };
            for (Element resource : SchemaOrder.children(group)) {
                assertThat(kinds.put(resource.getAttribute("id"), kind)).as("duplicate id " + resource.getAttribute("id")).isNull();
            }
        }
        return kinds;
    }

    /** Elements with a resid in this VersionOverrides, not in the one nested in it. */
    private static List<Element> withResid(Element versionOverrides) {
        List<Element> found = new ArrayList<>();
        collect(versionOverrides, versionOverrides, found);
        return found;
    }

    private static void collect(Element element, Element scope, List<Element> found) {
        for (Element child : SchemaOrder.children(element)) {
            if (child.getLocalName().equals("VersionOverrides") && child != scope) {
                continue;
            }
            if (child.hasAttribute("resid")) {
                found.add(child);
            }
            collect(child, scope, found);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> elements(Element root, String localName) {
        NodeList list = root.getElementsByTagNameNS("*", localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element) list.item(i));
        }
        return elements;
    }

    private static String text(Document doc, String namespace, String localName) {
        return texts(doc, namespace, localName).get(0);
    }

    private static List<String> texts(Document doc, String namespace, String localName) {
        NodeList list = doc.getElementsByTagNameNS(namespace, localName);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            texts.add(list.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static Map<String, String> urlValues(Document doc) {
        NodeList list = doc.getElementsByTagNameNS(SchemaOrder.BT, "Url");
        Map<String, String> urls = new HashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element url = (Element) list.item(i);
            urls.put(url.getAttribute("id"), url.getAttribute("DefaultValue"));
        }
        return urls;
    }

    /** Every page, script and icon address in the manifest. */
    private static List<String> urls(Document doc) {
        List<String> urls = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String value = e.getAttribute("DefaultValue");
            if (value.startsWith("http")) {
                urls.add(value);
            }
        }
        return urls.stream().filter(u -> !u.equals("https://crm.example.com/")).toList();
    }
}

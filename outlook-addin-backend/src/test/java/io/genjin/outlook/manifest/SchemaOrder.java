package io.genjin.outlook.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The child sequences of the manifest elements Genjin uses, as the schemas in [MS-OWEMXML] declare
 * them ({@code <xs:sequence>} of each complex type, extensions appended after their base): 5.1
 * OfficeAppManifestV1_1 (OfficeApp, MailApp, FormSettings, Rule), 5.3 OfficeAppBasicTypesV1_0
 * (Requirements, Resources), 5.4 MailAppVersionOverridesV1_0, 5.5 MailAppVersionOverridesV1_1
 * (VersionOverridesV1_1, MailHost, ShowTaskpane, LaunchEvent). A second check beside
 * ManifestSchemaTest, whose schema files are older copies brought up to date by hand: this one is
 * transcribed from the current specification alone. A child marked "!" is required. An element with
 * children but no entry here fails the check, so a new element cannot slip in unchecked.
 */
final class SchemaOrder {
    static final String APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
    static final String BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    static final String MO = "http://schemas.microsoft.com/office/mailappversionoverrides";
    static final String MO11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final Map<String, List<String>> COMMON_OVERRIDES = Map.ofEntries(
            Map.entry("Requirements", List.of("bt:Sets!", "bt:Methods")),
            Map.entry("Hosts", List.of("_:Host!")),
            Map.entry("ExtensionPoint[MessageReadCommandSurface]", List.of("_:OfficeTab", "_:CustomTab")),
            Map.entry("ExtensionPoint[MessageComposeCommandSurface]", List.of("_:OfficeTab", "_:CustomTab")),
            Map.entry("OfficeTab", List.of("_:Group!")),
            Map.entry("Group", List.of("_:Label!", "_:Control!")),
            Map.entry("Control[Button]", List.of("_:Label!", "_:Supertip!", "_:Icon!", "_:Action!")),
            Map.entry("Supertip", List.of("_:Title!", "_:Description!")),
            Map.entry("Icon", List.of("bt:Image!")),
            Map.entry("Resources", List.of("bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings")));

    private static final Map<String, List<String>> BASIC = Map.of(
            "bt:Sets", List.of("bt:Set!"),
            "bt:Images", List.of("bt:Image!"),
            "bt:Urls", List.of("bt:Url!"),
            "bt:ShortStrings", List.of("bt:String!"),
            "bt:LongStrings", List.of("bt:String!"),
            "bt:String", List.of("bt:Override"));

    private static final Map<String, List<String>> MANIFEST = Map.ofEntries(
            Map.entry("app:OfficeApp[MailApp]", List.of("app:Id!", "app:AlternateId", "app:Version!", "app:ProviderName!",
                    "app:DefaultLocale!", "app:DisplayName!", "app:Description!", "app:IconUrl", "app:HighResolutionIconUrl",
                    "app:SupportUrl", "app:AppDomains", "app:Hosts", "app:Requirements!", "app:FormSettings!",
                    "app:Permissions", "app:Rule!", "app:DisableEntityHighlighting", "mo:VersionOverrides")),
            Map.entry("app:DisplayName", List.of("app:Override")),
            Map.entry("app:Description", List.of("app:Override")),
            Map.entry("app:AppDomains", List.of("app:AppDomain!")),
            Map.entry("app:Hosts", List.of("app:Host!")),
            Map.entry("app:Requirements", List.of("app:Sets!", "app:Methods")),
            Map.entry("app:Sets", List.of("app:Set!")),
            Map.entry("app:FormSettings", List.of("app:Form!")),
            Map.entry("app:Form[ItemRead]", List.of("app:DesktopSettings!", "app:TabletSettings", "app:PhoneSettings")),
            Map.entry("app:Form[ItemEdit]", List.of("app:DesktopSettings!", "app:TabletSettings", "app:PhoneSettings")),
            Map.entry("app:DesktopSettings", List.of("app:SourceLocation!", "app:RequestedHeight")),
            Map.entry("app:Rule[RuleCollection]", List.of("app:Rule!")),
            Map.entry("mo:VersionOverrides[VersionOverridesV1_0]", List.of("mo:Description", "mo:Requirements", "mo:Hosts",
                    "mo:Resources", "mo11:VersionOverrides")),
            Map.entry("mo:Host[MailHost]", List.of("mo:DesktopFormFactor")),
            Map.entry("mo:DesktopFormFactor", List.of("mo:FunctionFile", "mo:ExtensionPoint!")),
            Map.entry("mo11:DesktopFormFactor", List.of("mo11:SupportsSharedFolders", "mo11:FunctionFile", "mo11:ExtensionPoint!")),
            Map.entry("mo:Action[ShowTaskpane]", List.of("mo:SourceLocation!")),
            Map.entry("mo11:VersionOverrides[VersionOverridesV1_1]", List.of("mo11:Description", "mo11:Requirements",
                    "mo11:Hosts", "mo11:Resources", "mo11:WebApplicationInfo", "mo11:EquivalentAddins",
                    "mo11:ConnectedServiceControls", "mo11:ExtendedPermissions")),
            Map.entry("mo11:Host[MailHost]", List.of("mo11:Runtimes", "mo11:DesktopFormFactor", "mo11:MobileFormFactor")),
            Map.entry("mo11:Runtimes", List.of("mo11:Runtime!")),
            Map.entry("mo11:Runtime", List.of("mo11:Override")),
            Map.entry("mo11:Action[ShowTaskpane]", List.of("mo11:SourceLocation!", "mo11:SupportsPinning",
                    "mo11:SupportsNoItemContext", "mo11:SupportsMultiSelect")),
            Map.entry("mo11:ExtensionPoint[LaunchEvent]", List.of("mo11:LaunchEvents!", "mo11:SourceLocation!")),
            Map.entry("mo11:LaunchEvents", List.of("mo11:LaunchEvent!")));

    private SchemaOrder() {
    }

    /** Every violation under {@code root}: children out of order, unknown, or a required one missing. */
    static List<String> violations(Element root) {
        List<String> problems = new ArrayList<>();
        check(root, problems);
        return problems;
    }

    private static void check(Element element, List<String> problems) {
        List<Element> children = children(element);
        String key = key(element);
        List<String> sequence = sequence(key, prefix(element.getNamespaceURI()));
        if (sequence == null) {
            if (!children.isEmpty()) {
                problems.add(key + " has children but no sequence is known for it");
            }
            return;
        }
        int at = 0;
        for (Element child : children) {
            String name = name(child);
            int found = -1;
            for (int i = at; i < sequence.size(); i++) {
                if (strip(sequence.get(i)).equals(name)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                boolean known = sequence.stream().map(SchemaOrder::strip).anyMatch(name::equals);
                problems.add(key + ": " + name + (known ? " is out of order; the schema's order is " : " is not a child of it; its children are ")
                        + sequence.stream().map(SchemaOrder::strip).toList());
                continue;
            }
            at = found;
        }
        for (String wanted : sequence) {
            if (wanted.endsWith("!") && children.stream().noneMatch(c -> name(c).equals(strip(wanted)))) {
                problems.add(key + ": the required " + strip(wanted) + " is missing");
            }
        }
        children.forEach(child -> check(child, problems));
    }

    private static List<String> sequence(String key, String prefix) {
        if (MANIFEST.containsKey(key)) {
            return MANIFEST.get(key);
        }
        if (BASIC.containsKey(key)) {
            return BASIC.get(key);
        }
        if (prefix.equals("mo") || prefix.equals("mo11")) {
            List<String> common = COMMON_OVERRIDES.get(key.substring(prefix.length() + 1));
            return common == null ? null : common.stream().map(c -> c.replace("_:", prefix + ":")).toList();
        }
        return null;
    }

    static String key(Element element) {
        String type = element.getAttributeNS(XSI, "type");
        return name(element) + (type.isEmpty() ? "" : "[" + type + "]");
    }

    static String name(Element element) {
        return prefix(element.getNamespaceURI()) + ":" + element.getLocalName();
    }

    static String prefix(String namespace) {
        return switch (namespace == null ? "" : namespace) {
            case APP -> "app";
            case BT -> "bt";
            case MO -> "mo";
            case MO11 -> "mo11";
            default -> "{" + namespace + "}";
        };
    }

    static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static String strip(String name) {
        return name.endsWith("!") ? name.substring(0, name.length() - 1) : name;
    }
}

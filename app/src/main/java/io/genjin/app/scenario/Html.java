package io.genjin.app.scenario;

/** The HTML alternative a mail program sends beside the plain text. */
final class Html {
    private Html() {
    }

    static String of(String text) {
        StringBuilder b = new StringBuilder("<html><head></head>\n<body><div style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n");
        for (String line : text.split("\n", -1)) {
            b.append(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("<br>\n");
        }
        return b.append("</div></body></html>\n").toString();
    }
}

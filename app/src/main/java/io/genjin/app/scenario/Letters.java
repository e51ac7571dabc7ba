package io.genjin.app.scenario;

import java.util.List;
import java.util.Random;

/**
 * What the people in the mailbox write about: the stages of an export deal for LED lighting, as
 * subject and turns. Turn 0 is written by whoever opens the topic, then the sides alternate.
 */
final class Letters {
    static final String SIGNATURE = "\nBest regards,\nLi Lei (李雷)\nSales Manager | Ningbo Ourfactory Lighting Co., Ltd.\n"
            + "Tel: +86 574 8765 4321 | WeChat: lilei_led\nwww.ourfactory.com\n";
    static final List<String> PRODUCTS = List.of("LED Panel Light 600x600 40W", "LED Downlight 12W", "UFO High Bay 150W",
            "LED Linear Light 1.2m 36W", "LED Flood Light 100W", "Track Light 30W", "LED Tube T8 18W", "Solar Street Light 60W");

    /** A deal topic: who opens it, its subject, its turns and the attachment each turn carries (or null). */
    record Topic(boolean customerOpens, String subject, List<String> turns, List<String> attachments) {
    }

    private Letters() {
    }

    static Topic topic(int n, Random r, String product, String firstName) {
        int qty = (2 + r.nextInt(18)) * 500;
        String price = String.format("%.2f", 2.5 + r.nextInt(300) / 10.0);
        String po = "PO" + (4500010000L + r.nextInt(90000));
        String pi = String.format("PI-2026-%03d", 10 + r.nextInt(180));
        String hi = "Dear " + firstName + ",\n\n";
        return switch (n % 7) {
            case 0 -> new Topic(true, "Inquiry: " + product,
                    List.of("Dear Li Lei,\n\nPlease quote your best price for " + qty + " pcs " + product
                                    + ", CRI>80, 4000K, 5 years warranty, CIF Hamburg.\nPlease also advise lead time.\n\nBest regards,\n" + firstName,
                            hi + "Thank you for your inquiry. Please find attached our quotation: USD " + price
                                    + "/pc FOB Ningbo, MOQ 500 pcs, lead time 25-30 days after deposit.\n" + SIGNATURE,
                            "Hi Li Lei,\n\nThanks. Your price is higher than our target. Can you do better for " + (qty * 2)
                                    + " pcs?\n\nRegards,\n" + firstName,
                            hi + "For " + (qty * 2) + " pcs we can reduce 4%. Updated quotation attached.\n" + SIGNATURE,
                            "OK, please send the PI.\n\n" + firstName),
                    java.util.Arrays.asList(null, "Quotation_LED.xlsx", null, "Quotation_LED_rev2.xlsx", null));
            case 1 -> new Topic(true, "Samples " + product,
                    List.of("Hello,\n\nBefore we order we need 2 samples of " + product + " for testing. Please send by express.\n\n" + firstName,
                            hi + "Samples were sent today by DHL, AWB 12" + (10000000 + r.nextInt(89999999)) + ". ETA 4-5 days.\n" + SIGNATURE,
                            "Samples received. Light output fine, but the driver is noisy. Can you use another driver?\n\n" + firstName,
                            hi + "Yes, we can use a Lifud driver, +USD 0.35/pc. Test report attached.\n" + SIGNATURE),
                    java.util.Arrays.asList(null, null, null, "Test_Report_LM80.pdf"));
            case 2 -> new Topic(false, pi + " for " + po,
                    List.of(hi + "Thank you for your order " + po + ". Please find attached " + pi + ". 30% deposit, balance against B/L copy.\n" + SIGNATURE,
                            "Li Lei,\n\nDeposit paid today, bank slip attached.\n\n" + firstName,
                            hi + "Deposit received with thanks. Production starts tomorrow, ready in 28 days.\n" + SIGNATURE),
                    java.util.Arrays.asList(pi + ".pdf", "TT_copy.pdf", null));
            case 3 -> new Topic(false, "Shipping documents " + po,
                    List.of(hi + "Goods for " + po + " are loaded. Draft B/L and invoice/packing list attached, please check.\n" + SIGNATURE,
                            "Please change the notify party to our warehouse.\nFrom our side the rest is OK.\n\n" + firstName,
                            hi + "Revised B/L attached. Vessel ETD next Tuesday.\n" + SIGNATURE,
                            "Thanks, balance payment will be arranged this week.\n\n" + firstName),
                    java.util.Arrays.asList("BL_draft.pdf", null, "BL_draft_rev1.pdf", null));
            case 4 -> new Topic(true, "Quality problem " + product,
                    List.of("Li Lei,\n\nWe found 12 pcs " + product + " flickering from the last shipment. Photos attached. Please advise.\n\n" + firstName,
                            hi + "Sorry for the trouble. Our QC team checks the photos; we will replace the defective units with the next order.\n" + SIGNATURE,
                            "OK, please also send the 8D report.\n\n" + firstName),
                    java.util.Arrays.asList("IMG_2034.jpg", null, null));
            case 5 -> new Topic(false, "New catalogue 2026 and price list",
                    List.of(hi + "Attached is our 2026 catalogue with the new " + product + ". Prices valid until June 30.\n" + SIGNATURE,
                            "Thanks. The " + product + " looks interesting. Do you have UL certificate?\n\n" + firstName,
                            hi + "Yes, UL and DLC listed. Certificate attached.\n" + SIGNATURE),
                    java.util.Arrays.asList("Catalogue_2026.pdf", null, "UL_Certificate.pdf"));
            default -> new Topic(true, "Order " + po + " - delivery date",
                    List.of("Hi Li Lei,\n\nCan you confirm the delivery date for " + po + "? Our customer is pushing.\n\n" + firstName,
                            hi + "Production is 80% done, goods ready on the 25th. Photos of the packing attached.\n" + SIGNATURE,
                            "Great, please book the vessel.\n\n" + firstName),
                    java.util.Arrays.asList(null, "packing_photos.jpg", null));
        };
    }

    /** A topic in Chinese, for buyers who write to the factory in Chinese. */
    static Topic chinese(Random r, String product, String firstName) {
        String qty = String.valueOf((2 + r.nextInt(10)) * 1000);
        return new Topic(true, "询价：" + product,
                List.of("李先生您好，\n\n请报 " + product + " " + qty + " 只的价格，4000K，含税到港。\n\n谢谢\n" + firstName,
                        firstName + "您好，\n\n附件是报价单，请查收。交期 25 天。\n\n李雷\n宁波 Ourfactory 照明有限公司",
                        "收到，价格我们再跟客户确认一下。\n\n" + firstName),
                java.util.Arrays.asList(null, "报价单_LED.xlsx", null));
    }

    static String type(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (f.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        return f.endsWith(".jpg") ? "image/jpeg" : "application/octet-stream";
    }

    /** Small stand-in content with the file type's magic bytes, so sniffers see what the name says. */
    static byte[] content(String file, Random r) {
        String magic = file.endsWith(".pdf") ? "%PDF-1.7\n" : file.endsWith(".xlsx") ? "PK\u0003\u0004" : "\u00ff\u00d8\u00ff\u00e0";
        byte[] bytes = new byte[600 + r.nextInt(1400)];
        r.nextBytes(bytes);
        byte[] head = magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}

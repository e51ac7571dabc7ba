package io.genjin.classifier.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Export-trade concepts across languages ("muestra", "Muster", "échantillon", "образец", "عينة", "样品"
 * are all SAMPLE). Each concept found becomes one extra feature, so a model trained mostly on English
 * and Chinese still recognises the same idea in Spanish or Arabic — a few hand-written stems do what a
 * few hundred examples per language would otherwise have to.
 */
final class TradeLexicon {

    /* Literal stems are found with indexOf (fast); only stems with regex syntax pay for a Pattern. */
    private record Concept(List<String> literals, Pattern pattern) {
    }

    private static final Map<String, Concept> CONCEPTS = new LinkedHashMap<>();
    private static final Pattern REGEX_SYNTAX = Pattern.compile("[\\\\()\\[\\]|.?*+{}^$]");

    static {
        concept("price", "価格", "単価", "値段", "가격", "단가", "fiyat", "giá", "prezzo", "cena", "harga", "prijs", "price", "pricing", "cost", "precio", "preço", "preco", "preis", "prix", "tarif", "цен", "стоимост",
                "سعر", "أسعار", "价格", "價格", "单价", "單價", "多少钱", "fob", "cif", "exw");
        concept("ask", "いただけますか", "でしょうか", "教えて", "ご教示", "주시겠어요", "알려주세요", "있나요", "가능한가요", "misiniz", "mısınız", "musunuz", "được không", "không ạ", "cho em hỏi", "potete", "potreste", "prosimy o", "czy", "bisakah", "mohon", "kunt u", "graag", "could you", "can you", "please (send|advise|tell|let|quote|provide|share)", "podría", "pourriez",
                "könnten", "können sie", "можете", "пришлите", "poderiam", "poderia", "هل يمكن", "يرجى إرسال", "请问", "麻烦",
                "能否", "能不能", "吗", "¿", "\\?", "？", "interested", "interesad", "intéress", "interessier", "интерес",
                "interesse", "مهتم", "感兴趣", "想了解", "咨询", "looking for", "we need", "we are looking");
        concept("rfq", "見積", "カタログ", "最低発注", "견적", "카탈로그", "최소 주문", "teklif rica", "katalog", "minimum sipariş", "báo giá", "số lượng tối thiểu", "listino", "quantitativo minimo", "zapytanie", "penawaran harga", "daftar harga", "offerte aanvra", "prijslijst", "rfq", "request for quot", "inquiry", "enquiry", "solicitud de cotiza", "solicitação de cota",
                "demande de prix", "anfrage", "запрос", "طلب تسعير", "询价", "询盘", "詢價", "moq", "minimum order",
                "pedido mínimo", "quantidade mínima", "mindestbestell", "quantité minimum", "минимальн", "الحد الأدنى",
                "起订量", "最小起订", "catalog", "catálogo", "katalog", "catalogue", "каталог", "الكتالوج", "目录", "目錄",
                "price list", "lista de precios", "lista de preços", "preisliste", "прайс", "قائمة الأسعار", "价格表");
        concept("offer", "お見積書", "ご提案", "値引", "有効期限", "견적서", "할인", "유효", "teklifimiz", "indirim", "geçerli", "bảng báo giá", "giảm giá", "hiệu lực", "offerta", "sconto", "oferta", "rabat", "penawaran", "diskon", "offerte", "korting", "quotation", "our (best )?(price|offer)", "we (can )?offer", "pleased to offer", "offer valid",
                "valid (for|until)", "cotización", "cotação", "cotizacion", "angebot", "devis", "offre", "oferta",
                "предложение", "عرض", "报价", "報價", "proforma", "pro forma", "\\bpi\\b", "形式发票", "有效期", "válid",
                "gültig", "valable", "действительн", "صالح", "revised the price", "new price", "discount", "折", "优惠");
        concept("sample", "サンプル", "見本", "샘플", "견본", "numune", "mẫu", "campion", "próbk", "sampel", "monster", "sample", "swatch", "muestra", "amostra", "muster", "échantillon", "echantillon", "образ",
                "عينة", "العينات", "عينات", "样品", "樣品", "打样", "打樣", "封样", "产前样", "确认样", "寄样", "样衣", "counter sample");
        concept("order", "注文", "発注", "受注", "주문", "발주", "sipariş", "đơn hàng", "đặt hàng", "ordine", "zamówieni", "pesanan", "purchase order", "bestelling", "inkooporder", "purchase order", "\\bpo\\b", "place (an|a trial|the) order", "confirm the order", "order confirm",
                "orden de compra", "pedido", "bestellung", "auftrag", "bon de commande", "commande", "заказ", "أمر الشراء",
                "طلب", "下单", "订单", "訂單", "采购订单", "返单", "试单", "contract", "contrato", "vertrag", "contrat",
                "договор", "عقد", "合同", "production", "producción", "produção", "produktion", "производств", "الإنتاج",
                "生产", "大货");
        concept("payment", "送金", "入金", "着金", "支払", "振込", "前払", "残金", "송금", "입금", "잔금", "선금", "ödeme", "havale", "peşinat", "thanh toán", "chuyển khoản", "đặt cọc", "pagamento", "bonifico", "acconto", "przelew", "zaliczk", "pembayaran", "transfer", "uang muka", "betaling", "aanbetaling", "paid", "payment", "deposit", "balance", "t/t", "l/c", "wire", "transfer", "bank", "remittance",
                "swift", "invoice .{0,10}due", "outstanding", "pago", "pagamento", "pagamos", "pagado", "depósito", "saldo",
                "transferencia", "transferência", "zahlung", "anzahlung", "überweis", "paiement", "acompte", "virement",
                "solde", "оплат", "оплач", "предоплат", "платеж", "перевод", "دفع", "الدفع", "تحويل", "العربون", "付款", "定金",
                "尾款", "货款", "水单", "电汇", "信用证", "汇款", "到账", "欠款", "账户", "帳戶", "银行", "銀行");
        concept("shipping", "船積", "出荷", "本船", "通関", "フォワーダー", "追跡番号", "선적", "통관", "선박", "gemi", "gümrük", "sevkiyat", "konşimento", "tàu", "hải quan", "vận đơn", "nave", "spedizione", "dogana", "statek", "odprawa", "kapal", "bea cukai", "verscheept", "douane", "ship", "vessel", "container", "b/l", "bill of lading", "forwarder", "freight", "customs", "eta",
                "etd", "tracking", "booking", "port", "packing list", "certificate of origin", "air", "loaded", "telex",
                "envío", "embarque", "buque", "contenedor", "aduana", "envio", "navio", "contêiner", "rastreamento",
                "verladen", "schiff", "spediteur", "konnossement", "versand", "zoll", "navire", "conteneur", "douane",
                "expédition", "connaissement", "судно", "контейнер", "таможн", "коносамент", "отгруз", "شحن", "الشحن",
                "السفينة", "الحاوية", "الجمارك", "بوليصة", "船期", "装柜", "货代", "订舱", "提单", "清关", "海关", "到港",
                "物流", "单号", "空运", "海运", "截关", "电放", "柜", "运费");
        concept("problem", "不良", "破損", "漏れ", "液漏れ", "故障", "不具合", "不合格", "カビ", "불량", "파손", "누액", "고장", "hasarlı", "kırık", "sızıntı", "arızal", "hỏng", "rò rỉ", "lỗi", "difett", "rotto", "rotte", "perdit", "guast", "uszkodz", "wadliw", "wyciek", "rusak", "bocor", "cacat", "lekken", "lekkage", "beschadigd", "defect", "broken", "damaged", "defect", "wrong", "cracked", "mould", "mold", "failed", "stopped working",
                "short", "missing", "rotas", "roto", "quebrad", "dañad", "defect", "zerbroch", "beschädig", "falsch", "cassé",
                "endommag", "défectu", "разбит", "поврежд", "брак", "مكسورة", "تالف", "破损", "坏", "错", "裂", "发霉",
                "不合格", "不对", "问题", "質量", "质量");
        concept("unhappy", "遺憾", "クレーム", "補償", "賠償", "受け入れられません", "실망", "보상", "반품", "hayal kırıklığı", "tazminat", "kabul edilemez", "thất vọng", "bồi thường", "không chấp nhận", "deluso", "inaccettabile", "non è accettabile", "risarcimento", "rozczarowan", "niedopuszczaln", "kecewa", "ganti rugi", "teleurgesteld", "onaanvaardbaar", "disappointed", "unacceptable", "unhappy", "not satisfied", "compensation", "refund", "claim",
                "complain", "late", "delay", "decepcionad", "inaceptable", "inaceitável", "compensación", "compensação",
                "retraso", "atrasad", "enttäuscht", "inakzeptabel", "entschädigung", "verspätet", "déçus", "inacceptable",
                "retard", "разочарован", "неприемлем", "компенсац", "задерж", "مستاؤون", "غير مقبول", "تعويض", "متأخرة",
                "失望", "不能接受", "赔偿", "索赔", "退款", "不满意", "晚了", "拒收", "投诉");
        concept("social", "お知らせ", "休業", "あけまして", "展示会", "ご来場", "안내", "휴무", "새해", "전시회", "duyur", "yeni yıl", "fuar", "thông báo", "năm mới", "hội chợ", "annunciare", "buon natale", "fiera", "ogłasza", "świąt", "mengumumkan", "pameran", "aankondig", "beurs", "happy new year", "merry christmas", "best wishes", "nice meeting", "pleasure", "thank you for",
                "holiday", "closed", "fair", "exhibit", "booth", "visit", "meet", "call", "feliz", "navidad", "feria",
                "cerrad", "frohes", "messe", "geschlossen", "bonne année", "salon", "fermé", "новым годом", "выставк",
                "закрыт", "ano novo", "feira", "fechado", "كل عام", "المعرض", "مغلق", "新年", "快乐", "放假", "展会", "展位",
                "广交会", "拜访", "会议", "圣诞", "祝");
    }

    private TradeLexicon() {
    }

    private static void concept(String name, String... stems) {
        List<String> literals = new ArrayList<>();
        List<String> regexes = new ArrayList<>();
        for (String stem : stems) {
            (REGEX_SYNTAX.matcher(stem).find() ? regexes : literals).add(stem);
        }
        // Callers pass lower-cased text, so the patterns need no (slow) Unicode case folding.
        CONCEPTS.put(name, new Concept(List.copyOf(literals), regexes.isEmpty() ? null : Pattern.compile(String.join("|", regexes))));
    }

    /** For lower-cased text: one {@code #concept} token per occurrence of a concept, at most three. */
    static List<String> concepts(String lower) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Concept> entry : CONCEPTS.entrySet()) {
            int count = 0;
            for (String literal : entry.getValue().literals()) {
                for (int at = lower.indexOf(literal); at >= 0 && count < 3; at = lower.indexOf(literal, at + literal.length())) {
                    count++;
                }
            }
            Pattern pattern = entry.getValue().pattern();
            if (pattern != null && count < 3) {
                Matcher m = pattern.matcher(lower);
                while (count < 3 && m.find()) {
                    count++;
                }
            }
            for (int i = 0; i < count; i++) {
                found.add("#" + entry.getKey());
            }
        }
        return found;
    }
}

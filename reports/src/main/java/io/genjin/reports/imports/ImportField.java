package io.genjin.reports.imports;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * What a column of an imported sheet may hold. Each field lists the header names it is recognised
 * by, in 中文 and English, including the headers Outlook (English and Chinese) and Foxmail write into
 * their contact exports; the earlier a name is listed, the better a match it is (Outlook's "Job Title"
 * beats its "Title", which is the honorific). EMAIL and PHONE may come from several columns.
 */
public enum ImportField {
    COMPANY(false, "公司名称", "客户名称", "企业名称", "单位名称", "公司", "客户", "单位", "company", "companyname", "customer",
            "customername", "account", "accountname", "organization", "organisation", "org"),
    DOMAIN(false, "域名", "公司域名", "网站", "官网", "网址", "网页", "domain", "website", "webpage", "web", "url", "homepage"),
    COUNTRY(false, "国家", "国家地区", "国别", "地区", "商务地址国家地区", "country", "countryregion", "businesscountryregion",
            "businesscountry", "nation"),
    INDUSTRY(false, "行业", "所属行业", "industry", "sector"),
    GRADE(false, "等级", "客户等级", "级别", "客户级别", "grade", "customergrade", "level", "rating"),
    STAGE(false, "阶段", "客户阶段", "跟进阶段", "销售阶段", "stage", "customerstage", "salesstage"),
    OWNER(false, "负责人", "业务员", "归属人", "所属业务员", "销售", "owner", "accountowner", "salesrep", "rep", "salesperson"),
    CONTACT(false, "联系人", "联系人姓名", "姓名", "显示名", "contact", "contactname", "contactperson", "name", "fullname",
            "displayname"),
    FIRST_NAME(false, "名", "firstname", "givenname"),
    MIDDLE_NAME(false, "中间名", "middlename"),
    LAST_NAME(false, "姓", "lastname", "surname", "familyname"),
    EMAIL(true, "邮箱", "电子邮件地址", "电子邮件", "电子邮箱", "邮箱地址", "邮件地址", "email", "emailaddress", "mail",
            "email2address", "email3address", "电子邮件2地址", "电子邮件3地址", "emailaddress2", "emailaddress3"),
    PHONE(true, "电话", "联系电话", "手机", "手机号码", "移动电话", "办公电话", "商务电话", "phone", "telephone", "tel", "mobile",
            "mobilephone", "businessphone", "primaryphone", "workphone"),
    TITLE(false, "职位", "职务", "jobtitle", "position", "title"),
    ORDER_NO(false, "订单号", "订单编号", "合同号", "pi号", "发票号", "单号", "orderno", "ordernumber", "order", "pino", "pinumber",
            "invoiceno", "invoicenumber", "pono"),
    AMOUNT(false, "金额", "订单金额", "总金额", "合同金额", "amount", "orderamount", "total", "totalamount", "value"),
    CURRENCY(false, "币种", "货币", "币别", "currency", "ccy"),
    ORDER_DATE(false, "下单日期", "订单日期", "日期", "签约日期", "orderdate", "orderedat", "date"),
    TAGS(false, "标签", "tags", "tag", "categories");

    private final boolean multi;
    private final List<String> names;

    ImportField(boolean multi, String... names) {
        this.multi = multi;
        this.names = List.of(names);
    }

    /** Whether several columns may feed this field (a contact's addresses and phones). */
    public boolean multi() {
        return multi;
    }

    /** How well a header names this field: 0 is the best match, -1 none. */
    int match(String header) {
        return names.indexOf(normalize(header));
    }

    /** Lower case, full-width folded, without spaces and punctuation: "E-mail Address" → "emailaddress". */
    static String normalize(String header) {
        if (header == null) {
            return "";
        }
        String folded = Normalizer.normalize(header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\s\\p{Punct}\\u3000-\\u303f\\uff08\\uff09]+", "");
    }
}

package io.genjin.app.scenario;

import io.genjin.app.scenario.Scenario.ContactPerson;
import io.genjin.app.scenario.Scenario.Customer;
import io.genjin.app.scenario.Scenario.Person;
import java.time.ZoneId;
import java.util.List;

/**
 * Who is in the mailbox: a Ningbo lighting factory's team and the customers it already has. Every
 * company, domain and person is invented; the domains are chosen so none is a real company's.
 */
final class Cast {
    static final String OURS = "ourfactory.com";
    static final Addr REP = Addr.of("李雷 Li Lei", "lilei@ourfactory.com");
    static final Addr COLLEAGUE = Addr.of("韩梅梅", "hanmeimei@ourfactory.com");
    static final Addr BOSS = Addr.of("王强", "wangqiang@ourfactory.com");
    static final Addr BOSS_PRIVATE = Addr.of("Wang Qiang", "wangqiang1972@qq.com");
    static final Addr DOCS = Addr.of("单证部 赵敏", "docs@ourfactory.com");
    static final Addr FACTORY = Addr.of("生产部", "production@ourfactory.com");

    static final Buyer NORDLICHT = new Buyer("nordlicht", "Nordlicht Leuchten GmbH", List.of("nordlicht-leuchten.de", "nordlicht.eu"),
            "DE", "A", Client.OUTLOOK_365, "Europe/Berlin", true,
            Addr.of("Jonas Weber", "j.weber@nordlicht-leuchten.de"), Addr.of("Anna Schmidt", "a.schmidt@nordlicht.eu"),
            Addr.of("Klaus Becker", "klaus.becker@gmx.de"));
    static final Buyer ACME = new Buyer("acme-trading", "Acme Trading GmbH", List.of("acme-trading.de"), "DE", "B",
            Client.OUTLOOK_DESKTOP, "Europe/Berlin", true,
            Addr.of("Mark Fischer", "m.fischer@acme-trading.de"), Addr.of("Petra Wolf", "p.wolf@acme-trading.de"), null);
    static final Buyer SUNRISE = new Buyer("sunrise", "Sunrise Home Lighting Inc.", List.of("sunrisehome.com"), "US", "A",
            Client.OUTLOOK_365, "America/Chicago", false,
            Addr.of("Emily Carter", "emily.carter@sunrisehome.com"), Addr.of("Jason Reed", "jason.reed@sunrisehome.com"),
            Addr.of("Bob Miller", "bob.sunrisehome@gmail.com"));
    static final Buyer KOWLOON = new Buyer("kowloon", "Kowloon Light Supply Ltd", List.of("kowloonlight.com.hk"), "HK", "B",
            Client.GMAIL, "Asia/Hong_Kong", false,
            Addr.of("Peter Chan 陳志明", "peter.chan@kowloonlight.com.hk"), Addr.of("Winnie Lau", "winnie@kowloonlight.com.hk"), null);
    static final Buyer ALNOOR = new Buyer("alnoor", "Al Noor Trading LLC", List.of("alnoor-trading.ae", "alnoorgroup.com"), "AE", "B",
            Client.OUTLOOK_365, "Asia/Dubai", false,
            Addr.of("Ahmed Khalil", "ahmed@alnoor-trading.ae"), Addr.of("Fatima Noor", "fatima@alnoorgroup.com"),
            Addr.of("Rashid Hassan", "rashid.alnoor@yahoo.com"));
    static final Buyer LUZ = new Buyer("luz-do-brasil", "Luz do Brasil Importadora Ltda", List.of("luzdobrasil.com.br"), "BR", "C",
            Client.GMAIL, "America/Sao_Paulo", false,
            Addr.of("Carla Souza", "carla.souza@luzdobrasil.com.br"), Addr.of("Rafael Lima", "compras@luzdobrasil.com.br"), null);
    static final Buyer POLAR = new Buyer("polar", "Polar Electric AB", List.of("polarelectric.se"), "SE", "B",
            Client.OUTLOOK_365, "Europe/Stockholm", false,
            Addr.of("Erik Lindqvist", "erik.lindqvist@polarelectric.se"), Addr.of("Sara Nyberg", "sara.nyberg@polarelectric.se"), null);
    static final Buyer SAKURA = new Buyer("sakura", "Sakura Shoji K.K.", List.of("sakura-shoji.co.jp"), "JP", "A",
            Client.APPLE_MAIL, "Asia/Tokyo", false,
            Addr.of("田中 宏", "tanaka@sakura-shoji.co.jp"), Addr.of("Yuki Sato", "y.sato@sakura-shoji.co.jp"),
            Addr.of("田中 宏", "tanaka.hiro@yahoo.co.jp"));
    static final Buyer SVETTORG = new Buyer("svettorg", "SvetTorg LLC", List.of("svettorg.ru"), "RU", "C",
            Client.GMAIL, "Europe/Moscow", false,
            Addr.of("Ольга Смирнова", "o.smirnova@svettorg.ru"), Addr.of("Denis Volkov", "d.volkov@svettorg.ru"),
            Addr.of("Иван Петров", "ivan.petrov@mail.ru"));
    static final Buyer OZLIGHT = new Buyer("ozlight", "OzLight Pty Ltd", List.of("ozlight.com.au"), "AU", "C",
            Client.OUTLOOK_365, "Australia/Sydney", false,
            Addr.of("Fang Wang 王芳", "fang.wang@ozlight.com.au"), Addr.of("Liam O'Brien", "liam@ozlight.com.au"),
            Addr.of("王芳", "2938475610@qq.com"));

    static final List<Buyer> BUYERS = List.of(NORDLICHT, ACME, SUNRISE, KOWLOON, ALNOOR, LUZ, POLAR, SAKURA, SVETTORG, OZLIGHT);

    private Cast() {
    }

    static List<Person> team() {
        return List.of(new Person("Li Lei", List.of(REP.address()), "REP"),
                new Person("Han Meimei", List.of(COLLEAGUE.address()), "REP"),
                new Person("Wang Qiang", List.of(BOSS.address(), BOSS_PRIVATE.address()), "MANAGER"));
    }

    static List<Customer> customers() {
        return BUYERS.stream().map(Buyer::customer).toList();
    }

    /**
     * A customer as the generator needs it: its main buyer, a second contact, and a contact who
     * writes from a free-mail address (or none), the program they mail with and their time zone.
     */
    record Buyer(String key, String name, List<String> domains, String country, String grade, Client client, String zone,
            boolean german, Addr main, Addr second, Addr freeMail) {

        ZoneId zoneId() {
            return ZoneId.of(zone);
        }

        String domain() {
            return domains.get(0);
        }

        Customer customer() {
            List<ContactPerson> contacts = new java.util.ArrayList<>();
            contacts.add(new ContactPerson(main.shown(), List.of(main.address()), "Purchasing"));
            contacts.add(new ContactPerson(second.shown(), List.of(second.address()), "Buyer"));
            if (freeMail != null && freeMail.shown().equals(main.shown())) {
                contacts.set(0, new ContactPerson(main.shown(), List.of(main.address(), freeMail.address()), "Purchasing"));
            } else if (freeMail != null) {
                contacts.add(new ContactPerson(freeMail.shown(), List.of(freeMail.address()), "Owner"));
            }
            return new Customer(key, name, domains, country, grade, contacts);
        }
    }
}

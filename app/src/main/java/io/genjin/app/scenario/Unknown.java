package io.genjin.app.scenario;

import io.genjin.app.scenario.Cast.Buyer;

/** Addresses the team has never seen: customers' private mail, and third parties beside a customer. */
final class Unknown {
    private Unknown() {
    }

    /** A buyer answering from their phone's private mailbox, which is no contact of the customer. */
    static Addr privateAddressOf(Buyer b, int n) {
        return switch (b.key() + n) {
            case "nordlicht3" -> Addr.of("Jonas Weber", "jonas.weber.mobil@web.de");
            case "nordlicht6" -> Addr.of("Jonas", "jweber1979@gmail.com");
            case "sunrise3" -> Addr.of("Emily Carter", "emilyc.home@outlook.com");
            case "sunrise6" -> Addr.of("Emily C.", "emily.carter.82@yahoo.com");
            case "sakura3" -> Addr.of("田中 宏", "hiroshi.t.1975@gmail.com");
            default -> Addr.of("Hiroshi Tanaka", "h-tanaka@icloud.com");
        };
    }
}

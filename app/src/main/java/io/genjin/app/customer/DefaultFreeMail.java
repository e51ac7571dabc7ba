package io.genjin.app.customer;

import java.util.Set;
import org.springframework.stereotype.Component;

/** Placeholder until the linking policy supplies the configurable list. */
@Component
class DefaultFreeMail implements FreeMailCheck {
    private static final Set<String> DOMAINS = Set.of("gmail.com", "qq.com", "163.com", "126.com", "outlook.com",
            "hotmail.com", "foxmail.com", "yahoo.com");

    @Override
    public boolean isFreeMail(String domain) {
        return DOMAINS.contains(domain);
    }
}

package io.genjin.app.customer;

/** Is this a free-mail domain (gmail.com, qq.com, …) that can never identify a company? */
@FunctionalInterface
public interface FreeMailCheck {
    boolean isFreeMail(String domain);
}

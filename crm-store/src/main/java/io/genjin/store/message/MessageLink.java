package io.genjin.store.message;

import java.time.Instant;

/**
 * Why a stored message is on one customer's timeline: the linking step that put it there and its
 * detail, or for a person's correction who made it ({@code byUserId}), why ({@code reason}) and when.
 */
public record MessageLink(String companyId, String step, String detail, String byUserId, String reason, Instant at) {

    public static MessageLink automatic(String companyId, String step, String detail) {
        return new MessageLink(companyId, step, detail, null, null, null);
    }
}

package io.genjin.followup.notify;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** WeCom (企业微信) group robot: a markdown message; the key in the URL is the only credential. */
final class WeComRobot implements Robot {
    /** WeCom refuses markdown content over 4096 bytes. */
    private static final int MAX_CHARS = 1300;

    @Override
    public Call call(String url, String secret, Outgoing message, Instant now) {
        String content = message.markdown();
        if (content.length() > MAX_CHARS) {
            content = content.substring(0, MAX_CHARS) + "…";
        }
        return new Call(URI.create(url), Map.of(), Robot.json(Robot.object("msgtype", "markdown",
                "markdown", Robot.object("content", content))));
    }

    @Override
    public String failure(int status, String body) {
        return Robot.codeFailure(status, body, "errcode", "errmsg");
    }
}

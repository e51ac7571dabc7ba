package io.genjin.app.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error texts are the ones the sync records (exception and root cause), as seen from Angus and Dovecot. */
class SyncProblemTest {

    @Test
    void noErrorIsNoProblem() {
        assertThat(SyncProblem.of(null)).isNull();
        assertThat(SyncProblem.of(" ")).isNull();
    }

    @Test
    void eachTechnicalFailureMapsToWhatTheUserCanDo() {
        assertThat(SyncProblem.of("AuthenticationFailedException: [AUTHENTICATIONFAILED] Authentication failed."))
                .isEqualTo(SyncProblem.AUTH);
        assertThat(SyncProblem.of("MailConnectException: Couldn't connect to host, port: imap.nowhere.example, 993; "
                + "timeout 60000 (caused by UnknownHostException: imap.nowhere.example)")).isEqualTo(SyncProblem.HOST_UNKNOWN);
        assertThat(SyncProblem.of("MessagingException: PKIX path building failed (caused by SunCertPathBuilderException: "
                + "unable to find valid certification path to requested target)")).isEqualTo(SyncProblem.TLS);
        assertThat(SyncProblem.of("MessagingException: Remote host terminated the handshake (caused by SSLHandshakeException: x)"))
                .isEqualTo(SyncProblem.TLS);
        assertThat(SyncProblem.of("MessagingException: Read timed out (caused by SocketTimeoutException: Read timed out)"))
                .isEqualTo(SyncProblem.TIMEOUT);
        assertThat(SyncProblem.of("MailConnectException: Couldn't connect to host, port: 127.0.0.1, 1; timeout 60000 "
                + "(caused by ConnectException: Connection refused)")).isEqualTo(SyncProblem.REFUSED);
        assertThat(SyncProblem.of("Refused: outbound connection to 10.0.0.5 refused: private address"))
                .isEqualTo(SyncProblem.BLOCKED);
        assertThat(SyncProblem.of("SignInAgain: Mailbox m1 needs its owner to sign in again: invalid_grant"))
                .isEqualTo(SyncProblem.SIGN_IN_AGAIN);
        assertThat(SyncProblem.of("FolderClosedException: * BYE server shutting down")).isEqualTo(SyncProblem.OTHER);
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnknownHostNotABlockedOne() {
        assertThat(SyncProblem.of("Refused: outbound connection to imap.typo.example refused: the name does not resolve"))
                .isEqualTo(SyncProblem.HOST_UNKNOWN);
    }
}

package io.genjin.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadNameTest {

    @Test
    void aChineseNameGetsAnAsciiFallbackAndAUtf8FilenameStar() {
        assertThat(DownloadName.attachment("报价单 Q-17.pdf", "attachment-1"))
                .isEqualTo("attachment; filename=\"___ Q-17.pdf\"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%20Q-17.pdf");
    }

    @Test
    void quotesBackslashesAndLineBreaksCannotEndTheHeaderValue() {
        String header = DownloadName.attachment("a\"b\\c\r\nSet-Cookie: x=1.pdf", "attachment-1");

        assertThat(header).doesNotContain("\r", "\n").startsWith("attachment; filename=\"a_b_c__Set-Cookie: x=1.pdf\"; ")
                .endsWith("filename*=UTF-8''a%22b_c__Set-Cookie%3A%20x%3D1.pdf");
    }

    @Test
    void pathsAndHiddenNamesBecomePlainFileNames() {
        assertThat(DownloadName.clean("../../etc/passwd")).isEqualTo("_.._etc_passwd");
        assertThat(DownloadName.clean("..\\boot.ini")).isEqualTo("_boot.ini");
        assertThat(DownloadName.clean(".bashrc")).isEqualTo("bashrc");
    }

    @Test
    void aNamelessAttachmentIsNamedByItsPlace() {
        assertThat(DownloadName.attachment(null, "attachment-3")).isEqualTo(
                "attachment; filename=\"attachment-3\"; filename*=UTF-8''attachment-3");
        assertThat(DownloadName.attachment(" ", "attachment-3")).contains("filename=\"attachment-3\"");
    }
}

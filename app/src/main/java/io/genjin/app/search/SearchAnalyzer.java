package io.genjin.app.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One analyzer for mixed Chinese and English mail. Han text becomes overlapping bigrams (请查收报价单 →
 * 请查 查收 收报 报价 价单), so any two-or-more-character word is found inside a run without a
 * dictionary: 报价单 is the phrase 报价 价单. Measured against smartcn's word segmentation
 * (SearchAnalyzerTest): smartcn keeps 报价单 as one word, so 报价 (quotation) is not found in
 * 请查收报价单; bigrams find every word typed. Latin words are lower-cased, stop words dropped, and Porter-stemmed, so
 * "quotation" finds "Quotations". Full-width letters and half-width katakana are folded first; dots,
 * underscores and hyphens split words (file names, addresses, model numbers).
 */
final class SearchAnalyzer extends Analyzer {

    /**
     * Dots, underscores and hyphens separate words here: "proforma" must find "PI-042_proforma.pdf" and
     * "acme" the address "buyer@acme-trading.de", which the Unicode word rules keep whole. Each becomes a
     * space where it stands, one character for one, so the offsets are those of the original text and
     * snippets mark the right characters. (A regex char filter did the same at several times the cost: it
     * copied each text whole and matched it character by character.)
     */
    @Override
    protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        return new SeparatorsAsSpaces(reader);
    }

    @Override
    protected java.io.Reader initReaderForNormalization(String fieldName, java.io.Reader reader) {
        return new SeparatorsAsSpaces(reader);
    }

    /** Reads ".", "_" and "-" as spaces; every other character, and every offset, as it is. */
    static final class SeparatorsAsSpaces extends org.apache.lucene.analysis.CharFilter {
        SeparatorsAsSpaces(java.io.Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws java.io.IOException {
            int n = input.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                char c = buffer[i];
                if (c == '.' || c == '_' || c == '-') {
                    buffer[i] = ' ';
                }
            }
            return n;
        }

        @Override
        protected int correct(int currentOff) {
            return currentOff;
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new EnglishPossessiveFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new CJKWidthFilter(in));
    }
}

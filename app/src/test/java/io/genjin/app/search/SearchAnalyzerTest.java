package io.genjin.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * Why the index uses CJK bigrams rather than smartcn's word segmentation: the words a salesperson
 * types must be found inside the runs of Han text mail is written in, whatever a dictionary makes of
 * the run. Both are measured here on the same text, with the same query parsing as the index.
 */
class SearchAnalyzerTest {
    private static final String MAIL = "您好，请查收报价单和样品单，另附装箱单。Quotations for the LED panels are attached.";

    @Test
    void bigramsFindEveryWordThePersonTypes() throws Exception {
        Analyzer bigrams = new SearchAnalyzer();
        for (String word : List.of("报价单", "报价", "查收", "样品", "装箱单", "quotation", "Quotations", "panel")) {
            assertThat(finds(bigrams, word)).as(word).isTrue();
        }
        assertThat(finds(bigrams, "单价")).isFalse();
        assertThat(tokens(bigrams, "请查收报价单")).containsExactly("请查", "查收", "收报", "报价", "价单");
    }

    /** Dots, underscores and hyphens split file names and addresses, and each word keeps the offsets of the original text. */
    @Test
    void separatorsSplitWordsAndTheOffsetsStayThoseOfTheText() throws Exception {
        String text = "See PI-042_proforma.pdf from buyer@acme-trading.de, re: 报价单.";
        List<String> words = new ArrayList<>();
        try (TokenStream stream = new SearchAnalyzer().tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset =
                    stream.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term + "=" + text.substring(offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        }
        assertThat(words).containsExactly("see=See", "pi=PI", "042=042", "proforma=proforma", "pdf=pdf", "from=from",
                "buyer=buyer", "acm=acme", "trade=trading", "de=de", "re=re", "报价=报价", "价单=价单");
    }

    @Test
    void smartcnMissesWordsItSegmentedOtherwise() throws Exception {
        Analyzer smartcn = new SmartChineseAnalyzer();
        List<String> missed = new ArrayList<>();
        for (String word : List.of("报价单", "报价", "查收", "样品", "装箱单", "quotation")) {
            if (!finds(smartcn, word)) {
                missed.add(word);
            }
        }
        // It keeps 报价单 as one word, so 报价 (quotation) is not found in it; bigrams have no such blind spots.
        assertThat(missed).as("smartcn tokens: " + tokens(smartcn, MAIL)).containsExactly("报价");
    }

    private static boolean finds(Analyzer analyzer, String word) throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                Document doc = new Document();
                doc.add(new TextField("body", MAIL, Field.Store.NO));
                writer.addDocument(doc);
            }
            QueryParser parser = new QueryParser("body", analyzer);
            parser.setSplitOnWhitespace(true);
            parser.setAutoGeneratePhraseQueries(true);
            parser.setDefaultOperator(QueryParser.AND_OPERATOR);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                return new IndexSearcher(reader).count(parser.parse(word)) == 1;
            }
        }
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }
}

package io.genjin.classifier.intent;

import io.genjin.classifier.text.AnyOf;
import java.util.regex.Pattern;

/**
 * Does a sentence ask the reader for something (information, an action, a reply)? A question, a
 * polite request form or an imperative at the start of the sentence. Used for "awaiting our answer"
 * and measured on the Parakweet ask/request set.
 */
public final class RequestDetector {

    private static final Pattern QUESTION = Pattern.compile("[?？]\\s*$|[?？]\\s");
    private static final AnyOf REQUEST = AnyOf.compile(String.join("|",
            "\\b(please|pls|plz|kindly)\\b", "\\b(could|can|would|will) (you|u|someone|anyone|we)\\b",
            "\\blet (me|us) know\\b", "\\b(i|we)('d| would) (like|appreciate|love)\\b", "\\bi need you\\b",
            "\\b(need|want) you to\\b", "\\bappreciate (it )?if\\b", "\\bdo you (have|know|want|think)\\b",
            "\\bmake sure\\b", "\\bdon'?t forget\\b", "\\bremember to\\b", "\\bfeel free\\b", "\\bgive me a call\\b",
            "\\bcall me\\b", "\\bget back to (me|us)\\b", "\\bsend (me|us)\\b", "\\bforward (me|us|this|it)\\b",
            "\\bwhat do you think\\b", "\\bany (thoughts|comments|questions)\\b", "\\bis it possible\\b",
            "\\bwondering if\\b", "\\bshould we\\b", "\\bdo we\\b", "\\bmay i\\b", "\\bcan i\\b",
            "por favor", "podría", "bitte", "könnten sie", "pourriez-vous", "merci de", "пожалуйста", "прошу",
            "请", "請", "能否", "是否可以", "麻烦", "烦请", "吗[？?]?$"), Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPERATIVE = Pattern.compile(
            "^(?:\\W*)(send|call|review|check|confirm|sign|fill|complete|provide|forward|reply|respond|contact|return|"
                    + "submit|approve|schedule|book|update|add|remove|print|read|look|see|find|give|take|bring|tell|ask|"
                    + "email|fax|mail|note|attend|join|register|visit|click|go|use|try|keep|make|get|plan|be sure|advise|"
                    + "prepare|arrange|ensure|verify|pick up|drop|come|meet|write|review)\\b",
            Pattern.CASE_INSENSITIVE);

    public boolean asks(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            return false;
        }
        String s = sentence.strip();
        return QUESTION.matcher(s).find() || REQUEST.foundIn(s) || IMPERATIVE.matcher(s).find();
    }
}

package dev.idem.adapter.builtin;

import dev.idem.adapter.builtin.RequestText.Sentence;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code accepted-harm}: the request names a corrupting outcome (a duplicated or lost money movement or
 * business effect, a wrong balance or stock count) and accepts it: says it is acceptable, fine or tolerated,
 * that people will clean it up by hand afterwards (support refunds, finance reverses), that nobody needs to
 * know, or sets it as the purpose ({@code so that the customer is billed twice}). The acceptance may sit in the
 * next or previous sentence when it refers back ({@code ... inflate bills. Product has accepted this}).
 *
 * <p>Not an acceptance: an outcome that is negated or prevented ({@code so that no one is charged twice}), a
 * remedy in the past ({@code we refunded everyone}), an acceptance that is itself negated ({@code not
 * acceptable}), or a harmless duplicate on a path that changes nothing of value ({@link RequestScope}).
 */
final class AcceptedHarmRule implements IntentRule {

    static final String ID = "accepted-harm";

    private static final String EFFECT = "(charg|bill|debit|pa(y|id)|credit|refund|collect|captur|disburs|reimburs"
            + "|ship|book|dispens|post|appl(y|ie|i)|execut|issu|grant|sold|sell|transferr?|deduct|withdr|sent|send"
            + "|count|record|register|settl|reserv|creat|insert|redeem|deliver|accru|award|invoic|process|fill"
            + "|decreas|increas|add|subtract|get|gets|getting|receiv|allocat|match|fil(e|ed|es|ing)\\b|publish|emit"
            + "|submit|dispatch|notif|print|mail)\\w*";
    private static final String MONEY = "(charg|bill|debit|pay|paid|credit|refund|collect|captur|disburs|transferr?"
            + "|deduct|withdr|book|ship|issu|dispens|grant|redeem|reserv|post)\\w*";
    private static final String OBJECTS = "(charges?|charging|billing|bills?|debits?|payments?|payouts?|refunds?"
            + "|transfers?|orders?|shipments?|invoices?|bookings?|captures?|credits|disbursements?|postings?"
            + "|reservations?|labels?|tickets?|donations?|impressions?|spend|salary|salaries"
            + "|withdrawals?|positions?|appointments?|prescriptions?|doses?|cdrs?|commissions?|settlements?"
            + "|top ups?|pick lists?|packages?|seats?|entr(y|ies)|miles|points|gems|collections?|payment rows?"
            + "|reimbursements?|transactions?|rows|records|executions?|fills?|trades?|allocations?|awards?|grants?"
            + "|tokens?|holds?|authori[sz]ations?|pickups?|dividends?|matches|wires?|loans?|releases?|policies"
            + "|premiums?|deposits?|vouchers?|coupons?|redemptions?|claims?|gifts?|donations?|tips?|rewards?)";

    private static final int LOSS = 4;
    private static final List<Pattern> HARMS = List.of(
            Recognition.wholeWords(EFFECT + "( [\\w'.%$-]+){0,6} (twice|two times|2 times|three times|2 or 3 times"
                    + "|two or three times|more than once|a second time|two or more times|several times"
                    + "|multiple times|many times|double)"),
            Recognition.wholeWords(MONEY + "( [\\w'.$-]+){0,5} again"),
            Recognition.wholeWords("(double|duplicate|duplicated|doubled|second|extra|repeated|excess|overlapping)"
                    + "( \\w+)? " + OBJECTS),
            Recognition.wholeWords("over ?(bill|charg|sell|sold|count|pay|paid|credit|draw|book|spen[dt])\\w*"
                    + "|inflat\\w* (the )?(bills?|counts?|invoices?|commissions?)"
                    + "|double ?(count|spend|book|post|pay|charg|bill|debit|credit)\\w*"),
            Recognition.wholeWords("(lost|gone|vanish\\w*|disappear\\w*|half (finished|done|applied)"
                    + "|(losing|lose|loses|dropping|drops) (\\w+ ){0,2}(claims?|keys?|records?|payments?|postings?|writes?"
                    + "|updates?|messages?|events?|orders?|transfers?|data|adjustments?|entries)"
                    + "|never (\\w+ ){0,2}(paid|sent|booked|created|credited|filled|happens|happen|executed|made"
                    + "|charged|delivered|shipped|dispensed|learns?|receives?|issued|processed|recorded|gets? booked)"
                    + "|not (paid|charged|credited|sent|made|created|executed|delivered|dispensed)|keep the money"
                    + "|stays? paid)"),
            Recognition.wholeWords("(wrong|stale|incorrect|negative|inconsistent|corrupt\\w*|diverg\\w*|out of sync"
                    + "|a few units off|drift\\w*) (\\w+ ){0,2}(balances?|states?|stock|counts?|status|inventory"
                    + "|ledger|numbers|totals|values|results?|device state)"
                    + "|(balances?|stock|counts?|ledger|numbers|state|copies) (\\w+ ){0,3}(wrong|off|negative"
                    + "|diverge\\w*|drift\\w*|corrupt\\w*|running (a bit )?high|inflated|stale)"
                    + "|older \\w+ wins|sort itself out"
                    + "|(create|creates|insert|inserts|charge|charges|book|books|open|opens|post|posts|issue|issues"
                    + "|capture|captures|send|sends|make|makes|do|does) (a |an )?(new|another|fresh|separate|second)"
                    + "( \\w+)? (order|charge|payment|capture|booking|row|record|transfer|payout|refund|invoice"
                    + "|shipment|label|transaction|debit|entry|appointment|reservation|ticket|command|hold|pix charge)s?"
                    + "|both (of them |\\w+ )?(get (mined|processed|applied|executed|paid|charged)|go through|succeed|complete"
                    + "|land|execute|run|charge|pay|debit|book)\\w*"));

    static final Pattern ACCEPTANCE = Recognition.wholeWords("acceptab\\w*|accept(s|ed|ing)?"
            + "|tolera(ble|ted|te|tes)|fine|ok|okay|alright|can live with|live with|comfortable|whatever"
            + "|so be it|(do|does) not care|meh|no big deal|signed off|sign off|agreed|approved|understood"
            + "|intended|intentional(ly)?|on purpose|deliberate(ly)?|cheaper|cost of|goodwill|leakage"
            + "|on them|eat (it|the cost)|take the (hit|loss)|write (it |them )?off|written off|nobody|no one"
            + "|no fix|rarely (notice|check)|never notice|if (anyone|someone|somebody|a customer|customers|they"
            + "|the customer|a player|users?) (notices?|complains?|calls?|asks?)|(when|if) they (complain|call|ask"
            + "|notice|email)|on request|if asked|we keep it|keep (the money|the overpayment|the extra)"
            + "|is (a |an )?(small|acceptable|minor|tolerable) (cost|loss|price|risk)|small money|loss is small"
            + "|no problem|not a problem|not an issue|no issue|(does|do) not matter|(do|does) not mind|willing|happy to"
            + "|prepared to|worth it|trade ?off|risk we|price (of|we)|(can|may|will) (stay|remain)|(not|never) (tell|contact|notify|surface|log|flag|correct|detect|track|reverse"
            + "|refund)\\w*( (them|it|these|those|customers|anyone))?|without telling|leave (it|them|that) (as is|be|alone)"
            + "|leave (it|them|that)$|let it be|(stay|stays|remain|remains) (on|in) (the |our |their )?([\\w']+ )?(books?|ledger"
            + "|accounts?|place)|expense|c'est la vie|eh|shrug\\w*|not (be )?(pursued|chased|recovered)|(net )?positive"
            + "|a win|upside|bonus|good for (us|business|revenue)|(extra|more) revenue"
            // a decision to keep the damage, in any of its verbs: "management decided to keep it", "we have chosen
            // to keep both payments", "the trustees chose not to fund corrective work"
            + "|(chosen|chose|choose|chooses|decided|decides|decide|opted|opts|elected|agreed) (not )?to (keep|accept"
            + "|live with|tolerate|leave|allow|ignore|absorb|fund|fix|correct|pay for|invest)\\w*"
            + "|(take|takes|took|taken|taking) (it |this |that |these |those )?into (account|the bargain)(?! (that|the|how"
            + "|whether|what|when|which|any|all|each|every|both|possible|potential)\\b)"
            + "|(fine|ok|okay|good enough|acceptable|alright) for now|good enough|skip fixing|(won't|will not|do not|don't"
            + "|not going to) (fix|correct|chase|recover)\\w*( (it|them|that|this|those))?");
    static final Pattern REMEDY = Recognition.wholeWords("(support|finance|ops|operations|back office|ap"
            + "|treasury|audit|customer service|credits team|middle office|front desk|staff|nurse|pharmacist"
            + "|managers|clearing|hubs?|partners?|customers?|users?|drivers?|donors?|clients?|players?"
            + "|advertisers?|tenants?|parents?|members?|merchants?|beneficiaries|bank|banks|we|they|someone"
            + "|humans?|people|desk|team|department|script|job|hr|payroll|accounting|accountants|call cent(er|re)"
            + "|helpdesk|help desk|sales|management|legal|collections|billing)( \\w+){0,3} (will |can |could |should |to |would"
            + " |must |may |then |just |simply )?(?<!\\b(a|an|the|this|that|each|every|any|one) )(refund|reverse|reconcile|dispute|recover|correct|void|net|chase"
            + "|claw|sort|deal|complain|call|report|email|cancel|fix it|fix them|take the money back|send it back"
            + "|credit the|handle (it|them|those|that|the)|ask (them|the \\w+) to (return|pay back|refund|send back)"
            + "|clean (it|them) up|return the (extra )?money|give (it|the money) back)\\w*"
            + "|(will|would|can|to|get|gets) be (refunded|reversed|recovered|netted|clawed back|written off"
            + "|corrected|handled|credited|voided|disputed|chased|sorted out|fixed|cleaned up|recovered|reconciled"
            + "|absorbed|eaten)( \\w+){0,3}( later| manually| by hand| afterwards| by (the )?\\w+)?");
    private static final Pattern REQUIREMENT = Recognition.wholeWords("should|must|shall|is to|are to|has to"
            + "|have to|needs? to|will|(we|i) (want|would like|plan|intend|prefer|decided|are going) to|on purpose"
            + "|deliberately|intentionally");
    private static final Pattern PURPOSE = Recognition.wholeWords("so( that)?|in order (to|that)|such that"
            + "|with the (goal|aim|intent|intention) of|let\\w* (it|them|each|every"
            + "|both|any|all|duplicates?|the duplicates?|retr\\w*|redeliver\\w*|the \\w+ retr\\w*)");
    /** A verb in the past between the purpose word and the outcome: a consequence, not a purpose. */
    private static final Pattern PAST_VERB = Pattern.compile("(?<!\\b(the|a|an|every|each|all|any|some|no|is|are"
            + "|be|been|being|get|gets|so|that))\\s+\\w+ed\\b|\\b(was|were|had|got|did|bought|came|went|made|sent"
            + "|paid|ran|lost|took|gave|became)\\b");
    /** What makes a repeated effect a duplicate: it is the retry or redelivery of one operation. */
    private static final Pattern RETRY_SUBJECT = Recognition.wholeWords("(every|each|any|a|the) (retry|retried \\w+"
            + "|attempt|redelivery|redelivered \\w+|delivery|callback|replay|replayed \\w+|resubmission|resend"
            + "|rerun|restart|call|arrival|duplicate)|(retried|redelivered|replayed|resubmitted|re uploaded"
            + "|duplicate|repeated|resent) (\\w+ )?(requests?|payments?|messages?|events?|calls?|charges?|orders?"
            + "|payouts?|refunds?|transfers?|commands?|files?|jobs?)|retries|redeliveries|replays");
    /** {@code even though the warehouse gets some pick lists twice}: a conceded outcome, when asked for. */
    private static final Pattern CONCESSION = Pattern.compile("\\b(even (though|if|when|with)|despite|regardless of"
            + "( whether)?|although)\\b[^,]*$");
    private static final Pattern NEGATED_ACCEPTANCE = Pattern.compile("\\b(not|never|no|hardly|nor|un)( \\w+){0,2} $");
    /** A reason that a later stage removes the duplicates: {@code because the reporting views deduplicate}. */
    private static final Pattern ABSORBED = Recognition.wholeWords("(because|since|as|given that) (\\w+ ){0,5}"
            + "(dedup\\w*|de dup\\w*|deduplicat\\w*|collaps\\w*|discard\\w*|filters? out|drops? (the )?duplicates)");
    private static final Pattern BY_HAND = Recognition.wholeWords("manual\\w*|by hand|humans?|support|finance|ops"
            + "|someone|staff");
    private static final Pattern ANAPHOR = Recognition.wholeWords("this|that|it|these|those|them|such|so");
    private static final Pattern PAST_REMEDY = Pattern.compile("ed$");
    private static final Pattern PASSIVE_BEFORE = Pattern.compile("\\b(be|been|being|get|gets|is|are)\\s*$");

    @Override
    public Optional<UnsafeFinding> find(RequestText text, RequestScope scope) {
        List<Sentence> sentences = text.sentences();
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            Optional<Matcher> harm = harm(s.normalised(), scope);
            if (harm.isEmpty() || scope.isolatedTest(s.normalised())) {
                continue;
            }
            if (accepts(s.normalised()) || purpose(s.normalised(), harm.get())) {
                return Optional.of(new UnsafeFinding(ID, "accepts a corrupting outcome", s.written()));
            }
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < sentences.size() && sentences.get(j).scenarios() == s.scenarios()
                        && refersBackAndAccepts(sentences.get(j).normalised())) {
                    return Optional.of(new UnsafeFinding(ID, "accepts a corrupting outcome",
                            s.written() + " " + sentences.get(j).written()));
                }
            }
        }
        return Optional.empty();
    }

    /** The first outcome in the sentence that is neither negated nor, on an effect-free path, harmless. */
    private static Optional<Matcher> harm(String sentence, RequestScope scope) {
        for (Pattern p : HARMS) {
            Matcher m = p.matcher(sentence);
            while (m.find()) {
                int lastWord = m.group().lastIndexOf(' ') + 1;
                boolean negatedWithin = p != HARMS.get(LOSS) && Mood.negated(sentence, m.start() + lastWord);
                if (!Mood.negated(sentence, m.start()) && !negatedWithin && !(scope.effectFree() && !money(m.group()))) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean money(String harm) {
        return Recognition.wholeWords(MONEY).matcher(harm).find();
    }

    static boolean accepts(String sentence) {
        if (acceptsInWords(sentence)) {
            return true;
        }
        Matcher r = REMEDY.matcher(sentence);
        while (r.find()) {
            String verb = r.group().substring(r.group().lastIndexOf(' ') + 1);
            boolean past = PAST_REMEDY.matcher(verb).find()
                    && !PASSIVE_BEFORE.matcher(r.group().substring(0, r.group().length() - verb.length())).find();
            if (!past && !Mood.negated(sentence, r.start()) && !Mood.past(sentence, r.start(), r.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * An acceptance in so many words, neither negated nor reported from the past, nor justified by a safeguard
     * downstream that removes the duplicates ({@code acceptable because the views deduplicate by key}): that
     * replaces one safeguard with another, and accepts no damage.
     */
    private static boolean acceptsInWords(String sentence) {
        Matcher a = ACCEPTANCE.matcher(sentence);
        while (a.find()) {
            Matcher absorbed = ABSORBED.matcher(sentence);
            if (absorbed.find(a.end()) && !BY_HAND.matcher(sentence.substring(absorbed.start())).find()) {
                continue;
            }
            if (!NEGATED_ACCEPTANCE.matcher(sentence.substring(0, a.start())).find()
                    && !Mood.past(sentence, a.start(), a.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outcome is the stated purpose or requirement of an instruction ({@code drop the index so that ... billed
     * twice}); a loss is never a purpose, and a verb in the past makes it a consequence.
     */
    private static boolean purpose(String sentence, Matcher harm) {
        // a loss is never a purpose, nor is a repeat conceded by a sentence whose goal is that it happens once
        if (harm.pattern() == HARMS.get(LOSS) || Mood.protects(sentence)) {
            return false;
        }
        String before = sentence.substring(0, harm.end());
        Matcher p = PURPOSE.matcher(before);
        int start = -1;
        int last = -1;
        while (p.find()) {
            start = p.start();
            last = p.end();
        }
        if (CONCESSION.matcher(sentence.substring(0, harm.start())).find() && Mood.asking(sentence, 0)) {
            return true;
        }
        boolean purposed = last >= 0 && !PAST_VERB.matcher(" " + before.substring(last)).find()
                && Mood.asking(sentence.substring(0, start) + " ", start);
        Matcher r = REQUIREMENT.matcher(before);
        boolean required = r.find() && !PAST_VERB.matcher(" " + before.substring(r.end())).find();
        if (!purposed && !required) {
            return false;
        }
        boolean again = harm.group().endsWith(" again");
        return !again || RETRY_SUBJECT.matcher(sentence).find();
    }

    /** An acceptance that refers back ({@code product has accepted this}) or is short enough to ({@code fine by us}). */
    private static boolean refersBackAndAccepts(String sentence) {
        int words = sentence.split(" ").length;
        return accepts(sentence) && (ANAPHOR.matcher(sentence).find() && words <= 30 || words <= 8);
    }
}

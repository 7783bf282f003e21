package dev.tunegate.policy;

/** The rules of docs/RULES.md, by their ids. */
public enum RuleId {
    FT_SCHEMA,
    FT_PLATEAU,
    FT_COST,
    FT_ONPREM,
    FT_TASK,
    FT_DATA,
    FT_CONSISTENT,
    NO_FRESH,
    NO_CITE,
    NO_DATA,
    NO_STRUCT,
    NO_PAIRS,
    FIX_RECALL,
    FIX_ACL;

    /** The id as docs/RULES.md writes it, e.g. {@code FT-DATA}. */
    public String code() {
        return name().replace('_', '-');
    }

    public static RuleId fromCode(String code) {
        return valueOf(code.replace('-', '_'));
    }
}

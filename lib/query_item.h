/* query_item: the items query.c lexes a search-box string into (a word,
 * a "phrase", an OR), each with the positions the analyzer gave it, and
 * the marks grammar.c sets on them (dropped, soft, optional, head...).
 * Private to query.c and grammar.c: a parsed query (query.h) keeps none
 * of them. */
#ifndef REPERE_QUERY_ITEM_H
#define REPERE_QUERY_ITEM_H

#include <stddef.h>

typedef struct {
    char *stem;   /* folded stem, no marker */
    char *exact;  /* "=form" */
    char *folded; /* "~form" or NULL when the form has no accent */
    char *pct;    /* "%stem" of the unaccented form when it differs, or NULL */
} query_pos;

enum { QUERY_ITEM_WORD, QUERY_ITEM_PHRASE, QUERY_ITEM_OR };

typedef struct {
    int kind;
    int neg, prefix;
    int dropped;     /* a function word of a question, not required */
    int soft;        /* a word of a question the relaxed order does not count
                      * (query_expr.soft) */
    int either;      /* a side of a question's « entre A et B » (grammar_mark_either) */
    int light;       /* a question's light verb before a word (grammar_light_verbs),
                      * which a title need not say (query_expr.little) */
    int optional;    /* a function word of a keyword query: not required, ranked */
    int asks;        /* a question's interrogative (« pourquoi »): no clause,
                      * but an exact-form signal of titles and headings */
    int caps;        /* typed in capitals, two letters or more (an acronym) */
    int ends;        /* the last word of its clause: the text or a , ; : ! ? follows */
    int article;     /* typed after an elided « l' » (« l'assistant »), which
                      * the analyzer strips */
    int head;        /* the head noun of a keyword query that names a thing
                      * (grammar_mark_head) */
    int clitic;      /* typed after an elided « n' », « s' », « j' », « m' » or
                      * « t' »: a negation or a pronoun, so a clause with
                      * its verb (grammar_mark_head) */
    int after_qu;    /* typed after an elided « qu' » (« parce qu'il »), which
                      * the analyzer strips too */
    int extension;   /* typed with a dot glued before its letters and none
                      * after (« .changes », « .dsc »): a file name's
                      * extension, matched as typed (query_item_node) */
    char or_word[3]; /* QUERY_ITEM_OR: the word it is when not an operator */
    query_pos *pos;
    size_t npos;
    char *whole; /* a compound's whole, no marker */
} query_item;

/* Frees what p holds (its four strings), not p. */
void query_pos_free(query_pos *p);

/* The unaccented surface of position p, without marker. */
static inline const char *query_pos_surface(const query_pos *p)
{
    return (p->folded ? p->folded : p->exact) + 1;
}

/* Is it a word or a phrase to look for: not an OR, not excluded? */
static inline int query_positive(const query_item *it)
{
    return it->kind != QUERY_ITEM_OR && !it->neg;
}

#endif

package io.lakegate.emulator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What H2 gets to see of a statement: Spark's reading of it, rendered token by token. */
class SparkTokensTest {

    @Test
    void backslashEscapedQuoteKeepsTheRestInsideTheLiteral() {
        // H2 (standard SQL) would end the literal at \' and run ", email FROM ..." as SQL
        assertThat(SparkTokens.toH2("SELECT 'a\\' , email FROM sales.customers.customers --'"))
                .isEqualTo("SELECT 'a'' , email FROM sales.customers.customers --'");
    }

    @Test
    void rawLiteralEndsAtTheNextQuoteAndTheRestIsAComment() {
        assertThat(SparkTokens.toH2("SELECT r'\\' , email FROM t --'"))
                .isEqualTo("SELECT ('' || CHAR(92) || '') , email FROM t");
        assertThat(SparkTokens.toH2("SELECT R\"a\\\" AS x")).isEqualTo("SELECT ('a' || CHAR(92) || '') AS x");
    }

    @Test
    void doubleQuotedTextIsAStringLiteralAndEscapesResolve() {
        assertThat(SparkTokens.toH2("SELECT \"it's\" , 'a\\nb' , 'x\\%y' , '\\u0041\\101'"))
                .isEqualTo("SELECT 'it''s' , 'a\nb' , ('x' || CHAR(92) || '%y') , 'AA'");
    }

    @Test
    void noBackslashReachesJsqlParserInsideALiteral() {
        // JSqlParser reads \' as an escaped quote, H2 does not: the rendering leaves nothing for them to disagree on
        assertThat(SparkTokens.toH2("SELECT 'a\\\\' , 'b'")).isEqualTo("SELECT ('a' || CHAR(92) || '') , 'b'");
        assertThat(SparkTokens.toH2("SELECT '\\\\\\''")).isEqualTo("SELECT ('' || CHAR(92) || '''')");
    }

    @Test
    void hintsAreDroppedWholeEvenWithACommentEndInAString() {
        assertThat(SparkTokens.toH2("SELECT /*+ REPARTITION('*/ , email --') */ 1 AS n"))
                .isEqualTo("SELECT 1 AS n");
        assertThatThrownBy(() -> SparkTokens.lex("SELECT /*+ BROADCAST(t) 1")).isInstanceOf(SqlFailure.class);
    }

    @Test
    void identifiersH2WouldSplitAreQuoted() {
        assertThat(SparkTokens.toH2("SELECT 1 FROM t WHERE x = abfss://bucket/p AND y = s3://b/q"))
                .isEqualTo("SELECT 1 FROM t WHERE x = \"abfss://bucket/p\" AND y = s3 : / / b / q");
    }

    @Test
    void doubledQuotesInsideALiteralStandForOneAsInSpark4() {
        assertThat(SparkTokens.toH2("SELECT 'it''s' , \"say \"\"hi\"\"\" , 'a\"\"b'"))
                .isEqualTo("SELECT 'it''s' , 'say \"hi\"' , 'a\"\"b'");
    }

    @Test
    void adjacentLiteralsConcatenate() {
        assertThat(SparkTokens.toH2("SELECT 'a' \"b\" r'c'")).isEqualTo("SELECT 'abc'");
    }

    @Test
    void nestedBracketedCommentsVanish() {
        assertThat(SparkTokens.toH2("SELECT 1 /* a /* b */ email FROM secret */ AS x"))
                .isEqualTo("SELECT 1 AS x");
    }

    @Test
    void backtickIdentifiersBecomeLowerCaseH2QuotedNames() {
        assertThat(SparkTokens.toH2("SELECT `Cust``Id` , `a\"b` FROM `Sales` . `customers`.`customers`"))
                .isEqualTo("SELECT \"cust`id\" , \"a\"\"b\" FROM \"sales\".\"customers\".\"customers\"");
    }

    @Test
    void typedNumericLiteralsAndSparkOperatorsTranslate() {
        assertThat(SparkTokens.toH2("SELECT 10L, 2S, 3Y, 1.5D, 2.5BD, 1e3 WHERE a == :p AND b::int > 1"))
                .isEqualTo(
                        "SELECT CAST(10 AS BIGINT) , CAST(2 AS SMALLINT) , CAST(3 AS TINYINT) , CAST(1.5 AS DOUBLE PRECISION)"
                                + " , 2.5 , 1e3 WHERE a = :p AND b :: int > 1");
    }

    @Test
    void guardRenderingWithSpacesAroundDotsRuns() {
        assertThat(SparkTokens.toH2("SELECT `id` , `name` FROM ( SELECT `id` , `name` FROM `sales` . `customers` . "
                        + "`customers` ) AS `c` WHERE `id` > 3 LIMIT 10000"))
                .isEqualTo(
                        "SELECT \"id\" , \"name\" FROM ( SELECT \"id\" , \"name\" FROM \"sales\".\"customers\".\"customers\" )"
                                + " AS \"c\" WHERE \"id\" > 3 LIMIT 10000");
    }

    @Test
    void secondStatementIsRefusedButTrailingSemicolonsAndQuotedOnesAreNot() {
        assertThatThrownBy(() -> SparkTokens.lex("SELECT 1; SELECT email FROM t"))
                .isInstanceOf(SqlFailure.class)
                .hasMessageContaining("[PARSE_SYNTAX_ERROR]")
                .hasMessageContaining("'SELECT'");
        assertThatThrownBy(() -> SparkTokens.lex("SELECT 'a\\'; DROP TABLE x; --'; DROP TABLE y"))
                .isInstanceOf(SqlFailure.class)
                .hasMessageContaining("'DROP'");
        assertThat(SparkTokens.toH2("SELECT ';' ;;")).isEqualTo("SELECT ';'");
    }

    @Test
    void unterminatedLiteralsAndCommentsAreSyntaxErrors() {
        assertThatThrownBy(() -> SparkTokens.lex("SELECT 'abc"))
                .isInstanceOf(SqlFailure.class)
                .hasMessageContaining("[PARSE_SYNTAX_ERROR]");
        assertThatThrownBy(() -> SparkTokens.lex("SELECT 1 /* never closed"))
                .isInstanceOf(SqlFailure.class)
                .hasMessageContaining("[UNCLOSED_BRACKETED_COMMENT]");
        assertThatThrownBy(() -> SparkTokens.lex("  -- only a comment")).isInstanceOf(SqlFailure.class);
    }
}

package dev.berth.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UnitParserTest {

    private static UnitFile parse(String text) throws UnitSyntaxException {
        return UnitParser.parse("web.container", text);
    }

    private static UnitSyntaxException error(String text) {
        try {
            UnitParser.parse("units/web.container", text);
        } catch (UnitSyntaxException e) {
            return e;
        }
        throw new AssertionError("expected a syntax error for: " + text);
    }

    @Nested
    class Comments {
        @Test
        void hashAndSemicolonAtLineStartAreComments() throws Exception {
            UnitFile u = parse("# top\n; also\n[Unit]\n# c\n  ; indented\n\t# tab\nDescription=x\n");
            assertThat(u.entries("Unit")).extracting(Entry::key).containsExactly("Description");
        }

        @Test
        void hashInsideAValueIsText() throws Exception {
            UnitFile u = parse("[Service]\nExecStart=/bin/echo # not a comment ; neither\n");
            assertThat(u.value("Service", "ExecStart")).contains("/bin/echo # not a comment ; neither");
        }

        @Test
        void commentEndingInBackslashDoesNotSwallowTheNextLine() throws Exception {
            // systemd drops comment lines before looking for continuations
            UnitFile u = parse("[Unit]\n# a comment \\\nDescription=kept\n");
            assertThat(u.value("Unit", "Description")).contains("kept");
        }

        @Test
        void commentOnlyFileHasNoSections() throws Exception {
            assertThat(parse("# nothing here\n\n;\n").sections()).isEmpty();
            assertThat(parse("").sections()).isEmpty();
        }
    }

    @Nested
    class Continuations {
        @Test
        void backslashBecomesASpace() throws Exception {
            UnitFile u = parse("[Service]\nExecStart=/bin/echo \\\n  hello \\\nworld\n");
            assertThat(u.value("Service", "ExecStart")).contains("/bin/echo    hello  world");
        }

        @Test
        void noSpaceBeforeBackslashStillGetsOne() throws Exception {
            assertThat(parse("[A]\nK=a\\\nb\n").value("A", "K")).contains("a b");
        }

        @Test
        void commentLinesInsideAContinuationAreSkipped() throws Exception {
            UnitFile u = parse("[Service]\nExecStart=/bin/a \\\n# comment\n  ; other\n  -v\nUser=x\n");
            assertThat(u.value("Service", "ExecStart")).contains("/bin/a    -v");
            assertThat(u.value("Service", "User")).contains("x");
        }

        @Test
        void escapedBackslashAtLineEndIsNotAContinuation() throws Exception {
            UnitFile u = parse("[A]\nPath=C:\\\\\nNext=1\n");
            assertThat(u.value("A", "Path")).contains("C:\\\\");
            assertThat(u.value("A", "Next")).contains("1");
        }

        @Test
        void threeBackslashesContinue() throws Exception {
            UnitFile u = parse("[A]\nK=x\\\\\\\ny\n");
            assertThat(u.value("A", "K")).contains("x\\\\ y");
        }

        @Test
        void continuationOnTheLastLineWithoutNewline() throws Exception {
            assertThat(parse("[A]\nK=v \\").value("A", "K")).contains("v");
        }

        @Test
        void continuationOnTheLastLineWithNewline() throws Exception {
            assertThat(parse("[A]\nK=v \\\n").value("A", "K")).contains("v");
        }

        @Test
        void continuationEndingInCommentAtEndOfFileKeepsTheEntry() throws Exception {
            assertThat(parse("[A]\nK=v \\\n# trailing comment").value("A", "K")).contains("v");
        }

        @Test
        void emptyLineEndsAContinuation() throws Exception {
            UnitFile u = parse("[A]\nK=v \\\n\nL=w\n");
            assertThat(u.value("A", "K")).contains("v");
            assertThat(u.value("A", "L")).contains("w");
        }

        @Test
        void entryRemembersTheLineItStartsOn() throws Exception {
            UnitFile u = parse("[A]\n\nK=a \\\nb \\\nc\nL=d\n");
            assertThat(u.entries("A")).extracting(Entry::line).containsExactly(3, 6);
        }

        @Test
        void sectionHeaderCanBeContinued() throws Exception {
            assertThat(parse("[Un\\\nit]\n").sections()).extracting(Section::name).containsExactly("Un it");
        }
    }

    @Nested
    class KeysAndValues {
        @Test
        void repeatedKeysKeepEveryAssignmentInOrder() throws Exception {
            UnitFile u = parse("[Container]\nVolume=a:/a\nVolume=b:/b\nImage=x\nVolume=c:/c\n");
            assertThat(u.values("Container", "Volume")).containsExactly("a:/a", "b:/b", "c:/c");
        }

        @Test
        void emptyAssignmentResetsTheList() throws Exception {
            UnitFile u = parse("[Unit]\nAfter=a.service\nAfter=\nAfter=b.service\nAfter=c.service\n");
            assertThat(u.values("Unit", "After")).containsExactly("b.service", "c.service");
            assertThat(u.entries("Unit")).hasSize(4);
            assertThat(u.entries("Unit").get(1).isReset()).isTrue();
        }

        @Test
        void resetAtTheEndLeavesNothing() throws Exception {
            UnitFile u = parse("[Unit]\nAfter=a\nAfter=  \n");
            assertThat(u.values("Unit", "After")).isEmpty();
            assertThat(u.value("Unit", "After")).isEmpty();
            assertThat(u.lastEntry("Unit", "After")).get().extracting(Entry::line).isEqualTo(3);
        }

        @Test
        void lastAssignmentWinsForSingleValues() throws Exception {
            assertThat(parse("[C]\nImage=a\nImage=b\n").value("C", "Image")).contains("b");
        }

        @Test
        void blanksAroundKeyAndValueAreStripped() throws Exception {
            UnitFile u = parse("[A]\n  Key  =  some value\t \n");
            assertThat(u.entries("A")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.key()).isEqualTo("Key");
                        assertThat(e.value()).isEqualTo("some value");
                    });
        }

        @Test
        void onlyTheFirstEqualsSplits() throws Exception {
            assertThat(parse("[C]\nEnvironment=A=b=c\n").value("C", "Environment")).contains("A=b=c");
        }

        @Test
        void otherUnicodeSpacesAreKeptLikeSystemdDoes() throws Exception {
            // systemd strips only " \t\n\r"; U+2003 and form feed are part of the value
            UnitFile u = parse("[A]\nK=\u2003v\f\n");
            assertThat(u.value("A", "K")).contains("\u2003v\f");
        }

        @Test
        void specifiersStayLiteral() throws Exception {
            UnitFile u = parse("[Container]\nExec=sleep %i\nEnvironmentFile=./%n/env\nLabel=pct=100%%\n");
            assertThat(u.value("Container", "Exec")).contains("sleep %i");
            assertThat(u.value("Container", "EnvironmentFile")).contains("./%n/env");
            assertThat(u.value("Container", "Label")).contains("pct=100%%");
        }

        @Test
        void quotesAndEscapesAreKeptVerbatim() throws Exception {
            UnitFile u = parse("[Container]\nExec=sh -c \"echo 'hi there'\"\nLabel=\"a=b c\"\nX=\\x41\\n\n");
            assertThat(u.value("Container", "Exec")).contains("sh -c \"echo 'hi there'\"");
            assertThat(u.value("Container", "Label")).contains("\"a=b c\"");
            assertThat(u.value("Container", "X")).contains("\\x41\\n");
        }

        @Test
        void unicodeValuesSurvive() throws Exception {
            assertThat(parse("[Unit]\nDescription=Grüße — 日本 🚢\n").value("Unit", "Description"))
                    .contains("Grüße — 日本 🚢");
        }

        @Test
        void keyMayContainSpacesInside() throws Exception {
            assertThat(parse("[A]\nodd key=v\n").value("A", "odd key")).contains("v");
        }
    }

    @Nested
    class Sections {
        @Test
        void repeatedSectionsStaySeparateButLookupsSpanThem() throws Exception {
            UnitFile u = parse("[Unit]\nAfter=a\n[Service]\nType=oneshot\n[Unit]\nAfter=b\n");
            assertThat(u.sections()).extracting(Section::name).containsExactly("Unit", "Service", "Unit");
            assertThat(u.values("Unit", "After")).containsExactly("a", "b");
            assertThat(u.sections()).extracting(Section::line).containsExactly(1, 3, 5);
        }

        @Test
        void emptySectionIsKept() throws Exception {
            UnitFile u = parse("[Install]\n[Unit]\nA=b\n");
            assertThat(u.hasSection("Install")).isTrue();
            assertThat(u.sections().get(0).entries()).isEmpty();
        }

        @Test
        void blanksAroundHeaderAreIgnoredAndInsideKept() throws Exception {
            assertThat(parse("  [X-Berth Info]  \n").sections()).extracting(Section::name)
                    .containsExactly("X-Berth Info");
        }

        @Test
        void sectionNamesAreCaseSensitive() throws Exception {
            UnitFile u = parse("[unit]\nA=b\n");
            assertThat(u.hasSection("Unit")).isFalse();
            assertThat(u.hasSection("unit")).isTrue();
        }

        @Test
        void dropInsAppendInOrder() throws Exception {
            UnitFile main = parse("[Unit]\nAfter=a\n");
            UnitFile d1 = UnitParser.parse("web.container.d/10-a.conf", "[Unit]\nAfter=\n");
            UnitFile d2 = UnitParser.parse("web.container.d/20-b.conf", "[Unit]\nAfter=b\n");
            UnitFile merged = main.withDropIns(List.of(d1, d2));
            assertThat(merged.values("Unit", "After")).containsExactly("b");
            assertThat(merged.lastEntry("Unit", "After")).get().extracting(Entry::file)
                    .isEqualTo("web.container.d/20-b.conf");
            assertThat(merged.path()).isEqualTo("web.container");
        }
    }

    @Nested
    class LineEndings {
        @Test
        void crlfIsALineBreak() throws Exception {
            UnitFile u = parse("[Unit]\r\nDescription=x\r\nAfter=a \\\r\n b\r\n");
            assertThat(u.value("Unit", "Description")).contains("x");
            assertThat(u.value("Unit", "After")).contains("a   b");
        }

        @Test
        void crlfCommentWithBackslash() throws Exception {
            assertThat(parse("[A]\r\n# c \\\r\nK=v\r\n").value("A", "K")).contains("v");
        }

        @Test
        void noTrailingNewline() throws Exception {
            assertThat(parse("[A]\nK=v").value("A", "K")).contains("v");
        }
    }

    @Nested
    class Errors {
        @Test
        void missingEquals() {
            UnitSyntaxException e = error("[Unit]\nDescription=ok\n\nthis is not a setting\n");
            assertThat(e.file()).isEqualTo("units/web.container");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.problem()).contains("missing '='");
            assertThat(e.getMessage()).startsWith("units/web.container:4: ");
        }

        @Test
        void missingEqualsInAContinuedLinePointsAtItsStart() {
            UnitSyntaxException e = error("[Unit]\n# c\nfoo \\\nbar\n");
            assertThat(e.line()).isEqualTo(3);
        }

        @Test
        void lineNumbersCountCommentsAndContinuations() {
            UnitSyntaxException e = error("[A]\nK=a \\\n# c\n b\n\nbroken\n");
            assertThat(e.line()).isEqualTo(6);
        }

        @Test
        void assignmentBeforeAnySection() {
            UnitSyntaxException e = error("# header\nImage=x\n[Container]\n");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains("outside any section");
        }

        @Test
        void emptyKey() {
            assertThat(error("[A]\n = v\n").problem()).contains("without a key");
        }

        @Test
        void unterminatedSectionHeader() {
            UnitSyntaxException e = error("[Unit]\nA=b\n[Service\n");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.problem()).contains("invalid section header");
        }

        @Test
        void textAfterSectionHeader() {
            assertThat(error("[Unit] # comment\n").problem()).contains("invalid section header");
            assertThat(error("[Unit]x=1\n").problem()).contains("invalid section header");
        }

        @Test
        void badSectionNames() {
            assertThat(error("[]\n").problem()).contains("empty");
            assertThat(error("[a]b]\n").problem()).contains("brackets");
            assertThat(error("[[Unit]]\n").problem()).contains("brackets");
            assertThat(error("[Un\tit]\n").problem()).contains("control");
            assertThat(error("[\"Unit\"]\n").problem()).contains("quotes");
            assertThat(error("[[\n").problem()).contains("invalid section header");
            assertThat(error("[\n").line()).isEqualTo(1);
        }

        @Test
        void nulByte() {
            UnitSyntaxException e = error("[Unit]\nDescription=a\0b\n");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains("NUL");
        }

        @Test
        void nulByteInACommentIsStillAnError() {
            assertThat(error("[Unit]\n# \0\n").line()).isEqualTo(2);
        }

        @Test
        void loneCarriageReturn() {
            UnitSyntaxException e = error("[Unit]\nDescription=a\rAfter=b\n");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains("carriage return");
        }

        @Test
        void byteOrderMark() {
            UnitSyntaxException e = error("\uFEFF[Unit]\nA=b\n");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.problem()).contains("byte order mark");
        }

        @Test
        void longLinesAreAbbreviatedInMessages() {
            String junk = "x".repeat(200);
            assertThat(error("[A]\n" + junk + "\n").problem()).hasSizeLessThan(150);
        }
    }

    @Test
    void errorsAreCheckedExceptions() {
        assertThatThrownBy(() -> UnitParser.parse("f", "nope")).isInstanceOf(UnitSyntaxException.class);
    }
}

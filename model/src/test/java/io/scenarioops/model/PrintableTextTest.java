package io.scenarioops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void namesTheFirstControlCharacterOrLoneSurrogate() {
        assertNull(PrintableText.problem("Variable +10%, Logistics +10% \u00e9\ud83d\ude00"));
        assertEquals("control character U+001F at index 1", PrintableText.problem("a\u001fb\u0000"));
        assertEquals("control character U+007F at index 0", PrintableText.problem("\u007f"));
        assertEquals("lone surrogate U+D83D at index 1", PrintableText.problem("a\ud83d"));
        assertEquals("lone surrogate U+DE00 at index 0", PrintableText.problem("\ude00\ud83d"));
    }

    @Test
    void printableReplacesControlsWithSpacesAndCutsWithoutSplittingAPair() {
        assertEquals("a b c ", PrintableText.printable("a\nb\u0000c\ud800", 100));
        assertEquals("abc", PrintableText.printable("abcdef", 3));
        assertEquals("ab", PrintableText.printable("ab\ud83d\ude00", 3));
        assertEquals("ab\ud83d\ude00", PrintableText.printable("ab\ud83d\ude00", 4));
    }

    @Test
    void quoteEscapesEverythingOutsidePrintableAscii() {
        assertEquals("\"a\\u0000\\\"\\u00e9\"", PrintableText.quote("a\u0000\"\u00e9"));
        assertEquals("\"" + "x".repeat(80) + "\"... (81 characters)", PrintableText.quote("x".repeat(81)));
    }
}

package dev.tunegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiScannerTest {
    private final PiiScanner scanner = new PiiScanner();

    private List<PiiKind> kinds(String text) {
        return scanner.scan(text).stream().map(PiiHit::kind).toList();
    }

    @Test
    void aCardNumberWithAValidLuhnChecksumIsFoundAndMasked() {
        // 4111 1111 1111 1111 is the well-known Visa test number (Luhn sum 30)
        List<PiiHit> hits = scanner.scan("card 4111 1111 1111 1111 please");
        assertThat(hits).containsExactly(new PiiHit(PiiKind.PAYMENT_CARD, "************1111"));
    }

    @Test
    void aCardNumberWithAWrongChecksumIsNotACard() {
        assertThat(kinds("card 4111 1111 1111 1112 please")).doesNotContain(PiiKind.PAYMENT_CARD);
    }

    @Test
    void luhnChecksMatchHandComputedSums() {
        assertThat(PiiScanner.luhn("79927398713")).isFalse(); // too short for a card (11 digits)
        assertThat(PiiScanner.luhn("5555555555554444")).isTrue(); // Mastercard test number
        assertThat(PiiScanner.luhn("5555555555554445")).isFalse();
    }

    @Test
    void anIbanWithAValidMod97ChecksumIsFound() {
        // GB82 WEST 1234 5698 7654 32 is the ISO 13616 example IBAN
        List<PiiHit> hits = scanner.scan("pay to GB82 WEST 1234 5698 7654 32 today");
        assertThat(hits).extracting(PiiHit::kind).containsExactly(PiiKind.IBAN);
        assertThat(hits.get(0).masked()).startsWith("GB").endsWith("5432").doesNotContain("WEST");
    }

    @Test
    void anIbanWithAWrongCheckDigitIsNotReported() {
        assertThat(PiiScanner.ibanChecksum("GB82WEST12345698765432")).isTrue();
        assertThat(PiiScanner.ibanChecksum("GB83WEST12345698765432")).isFalse();
        assertThat(kinds("pay to GB83 WEST 1234 5698 7654 32 today")).doesNotContain(PiiKind.IBAN);
    }

    @Test
    void usSocialSecurityNumbersFollowTheAreaRules() {
        assertThat(kinds("ssn 123-45-6789")).containsExactly(PiiKind.US_SSN);
        assertThat(kinds("ssn 000-45-6789")).doesNotContain(PiiKind.US_SSN);
        assertThat(kinds("ssn 666-45-6789")).doesNotContain(PiiKind.US_SSN);
        assertThat(kinds("ssn 923-45-6789")).doesNotContain(PiiKind.US_SSN);
    }

    @Test
    void emailAddressesAreMaskedToTheirFirstLetterAndDomain() {
        assertThat(scanner.scan("write to jane.doe@example.com now"))
                .containsExactly(new PiiHit(PiiKind.EMAIL, "j***@example.com"));
    }

    @Test
    void ipAddressesOfBothVersionsAreFoundButNotVersionNumbersOrTimes() {
        assertThat(kinds("from 192.168.1.20 and 2001:db8::8a2e:370:7334")).containsExactly(PiiKind.IPV4, PiiKind.IPV6);
        assertThat(kinds("version 1.2.3 at 10:30:00")).isEmpty();
        assertThat(kinds("not an ip 300.1.1.1")).doesNotContain(PiiKind.IPV4);
    }

    @Test
    void phoneNumbersNeedNineToFifteenDigits() {
        assertThat(kinds("call +44 20 7946 0958")).containsExactly(PiiKind.PHONE);
        assertThat(kinds("order 2024-01-15")).isEmpty();
    }

    @Test
    void noReportedValueContainsTheWholeOriginal() {
        String text =
                "jane.doe@example.com 4111 1111 1111 1111 GB82 WEST 1234 5698 7654 32 123-45-6789 +44 20 7946 0958";
        List<PiiHit> hits = scanner.scan(text);
        assertThat(hits)
                .extracting(PiiHit::kind)
                .containsExactlyInAnyOrder(
                        PiiKind.PAYMENT_CARD, PiiKind.IBAN, PiiKind.US_SSN, PiiKind.EMAIL, PiiKind.PHONE);
        for (PiiHit h : hits) {
            assertThat(h.masked())
                    .contains("*")
                    .doesNotContain("jane.doe", "4111111111111111", "WEST1234", "123-45-6789", "7946 0958");
        }
    }
}

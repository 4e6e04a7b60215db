package io.sbc.policy.eval;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.sbc.policy.model.NumberFormat;

/**
 * Converts a number between national and E.164 forms with libphonenumber's numbering plans (the
 * national trunk prefix differs per country: 1 in the US, 0 in GB and DE). A user that is not a
 * phone number (letters, too short) comes back unchanged: number rules never break a call.
 */
public final class NumberNormalizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private NumberNormalizer() {
    }

    /** {@code user} in {@code format}, reading national numbers with {@code country}'s plan; unchanged when not a number. */
    public static String convert(String user, NumberFormat format, String country) {
        if (format == NumberFormat.KEEP || user == null || user.isEmpty() || !dialable(user)) {
            return user;
        }
        PhoneNumber n;
        try {
            n = UTIL.parse(user, country == null ? "ZZ" : country);
        } catch (NumberParseException e) {
            return user;
        }
        if (!UTIL.isPossibleNumber(n)) {
            return user;
        }
        String e164 = UTIL.format(n, PhoneNumberFormat.E164);
        switch (format) {
            case E164:
                return e164;
            case E164_NO_PLUS:
                return e164.substring(1);
            case NATIONAL:
                // A number of another country has no national form here: keep it international.
                if (country != null && !country.equals(UTIL.getRegionCodeForNumber(n))
                        && UTIL.getCountryCodeForRegion(country) != n.getCountryCode()) {
                    return e164;
                }
                return digits(UTIL.format(n, PhoneNumberFormat.NATIONAL));
            default:
                return user;
        }
    }

    private static boolean dialable(String s) {
        int start = s.startsWith("+") ? 1 : 0;
        if (s.length() - start < 3 || s.length() > 32) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '(' && c != ')') {
                return false;
            }
        }
        return true;
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

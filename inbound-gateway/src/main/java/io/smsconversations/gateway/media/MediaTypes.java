package io.smsconversations.gateway.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** MIME types as the media rules compare them: {@code type/subtype}, lower case, without parameters. */
public final class MediaTypes {

    /** RFC 6838 restricted names: what a provider's content type must look like to be stored or passed on. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private MediaTypes() {
    }

    /** {@code image/jpeg} from {@code Image/JPEG; charset=x}; empty when it is not a media type at all. */
    public static Optional<String> essence(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        int semicolon = raw.indexOf(';');
        String essence = (semicolon < 0 ? raw : raw.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return TYPE.matcher(essence).matches() ? Optional.of(essence) : Optional.empty();
    }

    /** Whether {@code essence} is on {@code allowed}, where {@code image/*} stands for every image type. */
    public static boolean allowed(String essence, List<String> allowed) {
        for (String entry : allowed) {
            String rule = entry.strip().toLowerCase(Locale.ROOT);
            if (rule.endsWith("/*") ? essence.startsWith(rule.substring(0, rule.length() - 1)) : essence.equals(rule)) {
                return true;
            }
        }
        return false;
    }
}

package health.cura.mappings.gdpr;

import java.time.LocalDateTime;

/**
 * One entry of a data subject request's communication log ({@code communication_log}, a JSON array of
 * {@code {"at", "channel", "by", "summary"}}): what the clinic told the patient or heard from them, and how.
 *
 * @param at UTC
 * @param channel email, letter, phone, in_person, portal or sms; null when not recorded
 * @param by who recorded it, in words; null when not recorded
 */
public record CommunicationEntry(LocalDateTime at, String channel, String by, String summary) {}

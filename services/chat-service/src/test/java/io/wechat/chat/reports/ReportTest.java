package io.wechat.chat.reports;

import io.wechat.kit.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportTest {
    private static final Report MESSAGE_REPORT = new Report("r-1", Report.OPEN, "c-1", "m-1", "u-sender", "u-reporter",
            "spam", "2026-12-01T10:00:00.000Z", null);
    private static final Report USER_REPORT = new Report("r-2", Report.OPEN, "c-1", null, "u-bad", "u-reporter",
            "abuse", "2026-12-01T10:00:00.000Z", null);

    @Test
    void anOpenReportSurvivesTheTripThroughItsItem() {
        var item = MESSAGE_REPORT.toItem();
        assertThat(item.get("pk").s(), is("REPORT#r-1"));
        assertThat(item.get("sk").s(), is("REPORT"));
        // The status index sorts by creation time; the id keeps two reports of one millisecond apart.
        assertThat(item.get("created_key").s(), is("2026-12-01T10:00:00.000Z#r-1"));
        assertThat(Report.fromItem(item), is(MESSAGE_REPORT));
        assertThat(Report.fromItem(item).resolution(), is(nullValue()));
    }

    @Test
    void aUserReportHasNoMessage() {
        assertThat(USER_REPORT.toItem(), not(hasKey("message_id")));
        assertThat(Report.fromItem(USER_REPORT.toItem()), is(USER_REPORT));
    }

    @Test
    void aResolvedReportReadsBackItsResolution() {
        var item = new java.util.HashMap<>(MESSAGE_REPORT.toItem());
        item.put("status", io.wechat.kit.storage.Items.s(Report.RESOLVED));
        item.put("resolution_action", io.wechat.kit.storage.Items.s("remove_message"));
        item.put("resolution_note", io.wechat.kit.storage.Items.s("clear spam"));
        item.put("resolved_by", io.wechat.kit.storage.Items.s("u-admin"));
        item.put("resolved_at", io.wechat.kit.storage.Items.s("2026-12-01T11:00:00.000Z"));
        Report resolved = Report.fromItem(item);
        assertThat(resolved.status(), is(Report.RESOLVED));
        assertThat(resolved.resolution(), is(new Report.Resolution("remove_message", "clear spam", "u-admin",
                "2026-12-01T11:00:00.000Z")));
    }

    @Test
    void oneOpenReportPerReporterAndTarget() {
        assertThat(MESSAGE_REPORT.lockKey().get("pk").s(), is("REPORTLOCK#u-reporter#message#c-1#m-1"));
        assertThat(USER_REPORT.lockKey().get("pk").s(), is("REPORTLOCK#u-reporter#user#u-bad"));
        assertThat(USER_REPORT.lockKey().get("sk").s(), is("LOCK"));
    }

    @Test
    void aReportNamesAConversationAndAMessageOrAUser() {
        var report = new ReportRequestBodies.CreateReport("c-1", "m-1", null, "  spam  ");
        assertThat(report.reason(), is("spam"));
        assertThat(new ReportRequestBodies.CreateReport("c-1", null, "u-1", "abuse").userId(), is("u-1"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport(null, "m-1", null, "spam")), is("invalid_conversation_id"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport("c#1", "m-1", null, "spam")), is("invalid_conversation_id"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport("c-1", null, null, "spam")), is("invalid_target"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport("c-1", "m#1", null, "spam")), is("invalid_target"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport("c-1", null, "u#1", "spam")), is("invalid_target"));
        assertThat(refused(() -> new ReportRequestBodies.CreateReport("c-1", "m-1", null, " ")), is("invalid_reason"));
    }

    @Test
    void aResolutionIsOneOfThreeActionsWithAnOptionalNote() {
        assertThat(new ReportRequestBodies.ResolveReport("dismiss", null).kind(), is(ReportRequestBodies.Action.DISMISS));
        assertThat(new ReportRequestBodies.ResolveReport("remove_message", " gone ").kind(), is(ReportRequestBodies.Action.REMOVE_MESSAGE));
        assertThat(new ReportRequestBodies.ResolveReport("remove_message", " gone ").note(), is("gone"));
        assertThat(new ReportRequestBodies.ResolveReport("disable_user", "").kind(), is(ReportRequestBodies.Action.DISABLE_USER));
        assertThat(new ReportRequestBodies.ResolveReport("disable_user", "").note(), is(nullValue()));
        assertThat(refused(() -> new ReportRequestBodies.ResolveReport("delete", null)), is("invalid_action"));
        assertThat(refused(() -> new ReportRequestBodies.ResolveReport(null, null)), is("invalid_action"));
        assertThat(refused(() -> new ReportRequestBodies.ResolveReport("dismiss", "x".repeat(501))), is("invalid_note"));
    }

    private static String refused(Runnable construction) {
        ApiException e = assertThrows(ApiException.class, construction::run);
        assertThat(e.status().code(), is(400));
        return e.code();
    }
}

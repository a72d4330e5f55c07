package io.wechat.notification.devices;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Json;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Responses;

/** {@code POST /devices}, {@code GET /devices}, {@code DELETE /devices/{deviceId}}: my devices. */
public final class DevicesHttp implements HttpService {
    private final Authenticator auth;
    private final DeviceStore devices;

    public DevicesHttp(Authenticator auth, DeviceStore devices) {
        this.auth = auth;
        this.devices = devices;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/devices", this::register)
                .get("/devices", this::list)
                .delete("/devices/{deviceId}", this::remove);
    }

    private void register(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var request = Json.read(req, DeviceRequestBodies.RegisterDevice.class);
        var registration = devices.register(caller.userId(), request.platformValue(), request.token());
        Responses.json(res, registration.created() ? Status.CREATED_201 : Status.OK_200, registration.device().view());
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        var items = devices.list(caller.userId()).stream().map(Device::view).toList();
        // Bounded by MAX_DEVICES_PER_USER: one page, in the list shape of docs/api.md.
        Responses.json(res, Status.OK_200, new Paging.Page<>(items, null));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        if (!devices.remove(caller.userId(), req.path().pathParameters().get("deviceId"))) {
            throw ApiException.notFound("device_not_found", "No such device");
        }
        res.status(Status.NO_CONTENT_204).send();
    }
}

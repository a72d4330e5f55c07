package io.wechat.reliability;

import java.util.Map;

/** Test users: registered once (409 afterwards is fine), logged in for each run. */
final class Users {
    record Session(String username, String userId, String token) {
    }

    private Users() {
    }

    static Session session(Api api, String username, String password) {
        api.post("/auth/register", null, Map.of("username", username, "password", password, "displayName", username))
                .expect("register " + username, 201, 409);
        Api.Reply login = api.post("/auth/login", null, Map.of("username", username, "password", password))
                .expect("login " + username, 200);
        String token = login.json().path("accessToken").asText();
        String userId = api.get("/users/me", token).expect("GET /users/me", 200).json().path("userId").asText();
        return new Session(username, userId, token);
    }
}

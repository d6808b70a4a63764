package dev.berth.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void commandLinesLoseEnvironmentValuesAndSecretLookingOptionsButKeepSecretNames() {
        List<String> argv = List.of("podman", "run", "-d", "--name", "db", "-e", "DB_PASSWORD=hunter2", "--env=LOG=info",
                "--env", "PLAIN", "--label", "db.password=s3cret", "--label=app=web", "--annotation", "api.token=tok123",
                "--secret", "db-secret,type=env,target=API_KEY", "--secret=other", "img", "--password", "pw1",
                "--api-key=k1", "AWS_SECRET_ACCESS_KEY=aws1", "mode=fast");
        assertThat(SecretRedaction.commandLine(argv)).containsExactly("podman", "run", "-d", "--name", "db", "-e",
                "DB_PASSWORD=(hidden)", "--env=LOG=(hidden)", "--env", "PLAIN", "--label", "db.password=(hidden)",
                "--label=app=web", "--annotation", "api.token=(hidden)", "--secret", "db-secret,type=env,target=API_KEY",
                "--secret=other", "img", "--password", "(hidden)", "--api-key=(hidden)", "AWS_SECRET_ACCESS_KEY=(hidden)",
                "mode=fast");
    }

    @Test
    void inspectHidesEnvCommandLinesAndSecretLabelsAndAnnotations() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree("""
                {"Args":["--token","t0k"],"Config":{"Env":["DB_PASSWORD=hunter2","PATH=/bin"],
                 "CreateCommand":["podman","run","-e","DB_PASSWORD=hunter2","--label","x.secret=lab1","busybox"],
                 "Cmd":["serve","--token","t0k"],"Entrypoint":"/bin/app --password=pw2",
                 "Labels":{"x.secret":"lab1","app":"web"},"Annotations":{"api.token":"ann1","owner":"me"},
                 "Healthcheck":{"Test":["CMD-SHELL","check --pw hunter2"]}},
                 "HostConfig":{"Annotations":{"api.token":"ann1","io.container.manager":"libpod"}}}""");
        SecretRedaction.inspect(doc);
        String out = doc.toString();
        assertThat(out).doesNotContain("hunter2", "lab1", "t0k", "pw2", "ann1", "/bin\"")
                .contains("DB_PASSWORD=(hidden)", "\"app\":\"web\"", "\"owner\":\"me\"", "PATH=(hidden)", "busybox",
                        "check --pw (hidden)", "\"io.container.manager\":\"libpod\"");
    }

    @Test
    void unitTextHidesEnvironmentExecAndSecretLabelsButKeepsSecretLines() {
        String unit = """
                [Container]
                Image=busybox
                Environment=DB_PASSWORD=hunter2 "GREETING=hello world"
                Label=db.password=lab1 app=web
                Secret=db-secret,type=env,target=API_KEY
                Exec=serve --token t0k
                # Environment=COMMENTED=stays
                [Service]
                ExecStart=/usr/bin/podman run --name x --env DB_PASSWORD=hunter2 \\
                  --env "GREETING=hello world" busybox
                """;
        String out = SecretRedaction.unitText(unit);
        assertThat(out).doesNotContain("hunter2", "lab1", "t0k", "hello world")
                .contains("Environment=DB_PASSWORD=(hidden) GREETING=(hidden)", "Label=db.password=(hidden) app=web",
                        "Secret=db-secret,type=env,target=API_KEY", "--env DB_PASSWORD=(hidden)", "# Environment=COMMENTED=stays",
                        "Image=busybox");
    }

    @Test
    void unitTextWritesDecodedEscapesBackSoEachSettingStaysOneLine() {
        String out = SecretRedaction.unitText("[Container]\nLabel=note=\"a\\nb\" x=\\x41\nEnvironment=K=v\n");
        assertThat(out).isEqualTo("[Container]\nLabel=\"note=a\\nb\" x=A\nEnvironment=K=(hidden)\n");
    }
}

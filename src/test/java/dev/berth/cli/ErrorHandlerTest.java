package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {

    @Test
    void credentialsInAnErrorMessageAreNeverPrinted() {
        CommandLine cl = new CommandLine(new Main());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));

        int code = new ErrorHandler().handleExecutionException(
                new IllegalStateException("cannot fetch https://deploy:ghp_s3cret@git.example.com/ops.git: 403"), cl, null);

        assertThat(code).isEqualTo(ErrorHandler.EXIT_FAILURE);
        assertThat(err.toString()).doesNotContain("ghp_s3cret").contains("https://***@git.example.com/ops.git");
    }
}

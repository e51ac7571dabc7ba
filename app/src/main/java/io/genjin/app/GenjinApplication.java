package io.genjin.app;

import io.genjin.app.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The one runnable Genjin: with no command it serves the web UI, the API and (later) the mail
 * roles; with a command ({@code genjin parse …}, {@code genjin classify …}) it runs that and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GenjinApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        SpringApplication.run(GenjinApplication.class, args);
    }
}

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one @FuzzTest method (class#method) through the JUnit platform, as surefire would, for the
 * duration given in seconds. JAZZER_FUZZ must be set in the environment (bench/fuzz/run does); the
 * duration reaches libFuzzer as an extra -max_total_time, which overrides the annotation's. Prints
 * one line FUZZ-RESULT <target> <passed|failed: reason>; libFuzzer itself prints its run count.
 */
public class FuzzBench {
    public static void main(String[] args) throws ClassNotFoundException {
        String target = args[0];
        Class<?> testClass = Class.forName(target.substring(0, target.indexOf('#')));
        java.lang.reflect.Method method = java.util.Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(target.substring(target.indexOf('#') + 1))).findFirst().orElseThrow();
        long seconds = Long.parseLong(args[1]);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(testClass, method))
                .configurationParameter("jazzer.internal.arg.0", "fuzz")
                .configurationParameter("jazzer.internal.arg.1", "-max_total_time=" + seconds)
                .build();
        List<String> failures = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString)
                            .orElse(result.getStatus().toString()));
                }
            }
        });
        System.out.println("FUZZ-RESULT " + target + " " + (failures.isEmpty() ? "passed" : "failed: " + failures));
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}

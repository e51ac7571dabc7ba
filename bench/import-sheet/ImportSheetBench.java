import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes an XLSX of N customer rows (company, country, contact, email, phone, grade, stage), uploads
 * it to a running Genjin, starts the import and waits for it; prints seconds and the server's heap
 * (used after a full GC before and after the run, and the highest used seen while it ran).
 * Args: base URL, admin token, server pid, rows.
 */
public class ImportSheetBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        long pid = Long.parseLong(args[2]);
        int rows = Integer.parseInt(args[3]);
        String[] countries = {"Germany", "Nigeria", "Brazil", "India", "UAE", "Chile", "Poland", "Vietnam"};
        String[] stages = {"线索", "询盘", "报价", "样品", "谈判", "成交"};
        Path file = Files.createTempFile("customers", ".xlsx");
        long t0 = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "bench", "1.0");
            Worksheet ws = workbook.newWorksheet("客户");
            String[] headers = {"公司名称", "国家", "联系人", "邮箱", "电话", "等级", "阶段"};
            for (int c = 0; c < headers.length; c++) {
                ws.value(0, c, headers[c]);
            }
            for (int i = 1; i <= rows; i++) {
                ws.value(i, 0, "Bench Customer " + i + " Ltd");
                ws.value(i, 1, countries[i % countries.length]);
                ws.value(i, 2, "Buyer " + i);
                ws.value(i, 3, "buyer" + i + "@bench-customer-" + i + ".com");
                ws.value(i, 4, "+49 30 " + (1000000 + i));
                ws.value(i, 5, "ABCD".substring(i % 4, i % 4 + 1));
                ws.value(i, 6, stages[i % stages.length]);
                if (i % 10_000 == 0) {
                    ws.flush();
                }
            }
            workbook.finish();
        }
        System.out.printf("sheet:              %,d rows, %.1f MB, written in %.1f s%n", rows, Files.size(file) / 1e6,
                (System.nanoTime() - t0) / 1e9);

        long before = liveHeapKb(pid);
        String boundary = "----bench" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String upload = send(HttpRequest.newBuilder(URI.create(base + "/api/imports")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 201);
        String id = field(upload, "id");
        double cpuBefore = cpuSeconds(pid);
        long start = System.nanoTime();
        send(HttpRequest.newBuilder(URI.create(base + "/api/imports/" + id + "/start")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()), 202);
        // The heap while it runs, from one jstat reading the JVM's shared counters twice a second: no
        // attach and no new JVM per sample (a jcmd per sample cost the machine more CPU than the import).
        Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "500").redirectErrorStream(true).start();
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = new Thread(() -> readPeak(jstat, peak));
        sampler.setDaemon(true);
        sampler.start();
        String progress;
        while (true) {
            progress = send(HttpRequest.newBuilder(URI.create(base + "/api/imports/" + id + "/progress"))
                    .header("Authorization", "Bearer " + token).GET(), 200);
            if (!progress.contains("\"RUNNING\"")) {
                break;
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        jstat.destroy();
        jstat.waitFor();
        sampler.join(1000);
        long after = liveHeapKb(pid);
        if (!progress.contains("\"DONE\"")) {
            System.out.println("import did not finish: " + progress);
            System.exit(1);
        }
        System.out.printf("import:             %.1f s (%,.0f rows/s)%n", seconds, rows / seconds);
        System.out.printf("server CPU:         %.1f s user+system for the run (%,.0f rows per CPU second; the wall time"
                + " depends on the machine's load, this does not)%n", cpu, rows / cpu);
        System.out.println("result:             " + progress.replaceAll(".*\"outcomes\":(\\{[^}]*}).*", "$1"));
        System.out.printf("heap live before:   %.0f MB (after a full GC)%n", before / 1024.0);
        System.out.printf("heap live after:    %.0f MB (after a full GC; growth %.0f MB)%n", after / 1024.0,
                (after - before) / 1024.0);
        System.out.printf("heap peak in run:   %.0f MB used, sampled twice a second (%.0f MB above the live heap before)%n",
                peak.get() / 1024.0, (peak.get() - before) / 1024.0);
        Files.delete(file);
    }

    /** The server's user + system CPU time so far, from /proc (Linux), in seconds; -1 elsewhere. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), counted after the command's closing parenthesis
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long clockTicks() throws Exception {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    /** The highest heap used (survivors, eden and old, KB) in jstat -gc's lines. */
    private static void readPeak(Process jstat, java.util.concurrent.atomic.AtomicLong peak) {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            String[] header = null;
            for (String line; (line = lines.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 0 && f[0].equals("S0C")) {
                    header = f;
                    continue;
                }
                if (header == null || f.length != header.length) {
                    continue;
                }
                double used = 0;
                for (int i = 0; i < header.length; i++) {
                    if (java.util.Set.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                        used += Double.parseDouble(f[i]);
                    }
                }
                peak.accumulateAndGet((long) used, Math::max);
            }
        } catch (Exception e) {
            // the sampler ends with jstat
        }
    }

    private static long liveHeapKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}

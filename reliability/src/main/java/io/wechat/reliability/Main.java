package io.wechat.reliability;

/**
 * {@code reliability fuzz [--seed N] [--threads N]}: malformed input against every operation.
 * {@code reliability chaos [--short]}: faults under load.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "help";
        long seed = Long.parseLong(option(args, "--seed", Stack.env("FUZZ_SEED", "20261201")));
        int threads = Integer.parseInt(option(args, "--threads", "4"));
        int rc = switch (command) {
            case "fuzz" -> new Fuzzer(new Stack(), seed, threads).run();
            case "chaos" -> new Chaos(new Stack(), flag(args, "--short")).run();
            default -> {
                System.out.println("usage: reliability fuzz [--seed N] [--threads N] | chaos [--short]");
                yield command.equals("help") ? 0 : 2;
            }
        };
        System.exit(rc);
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static boolean flag(String[] args, String name) {
        for (String arg : args) {
            if (arg.equals(name)) {
                return true;
            }
        }
        return false;
    }
}

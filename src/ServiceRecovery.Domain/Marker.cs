namespace ServiceRecovery.Domain; public static class Marker;

// test/clients/jdbc/ReadmeClients.java: the README's SQL blocks and the parameter cases
// through the PostgreSQL JDBC driver, as a BI tool (Metabase, DBeaver) runs them.
//
//   java -Duser.timezone=America/New_York -cp postgresql.jar:. ReadmeClients \
//        JDBC_URL BLOCKS_DIR PARAMS_TSV OUT_FILE
//
// Runs every "run" block of BLOCKS_DIR/manifest.tsv (test/readme/extract.py) in its own
// connection with Statement.execute, then every case of PARAMS_TSV (test/clients/params.tsv)
// as a PreparedStatement bound the way the driver binds Java values (setString,
// setTimestamp, setInt, setDouble; the case's connection options added to the URL), and writes what the driver handed back to OUT_FILE
// for test/clients/compare.py: per result set its columns (name, java.sql.Types code,
// PostgreSQL type name, class of getObject) and every row, each value rendered
// canonically from what getObject returned (see value()).  An error is written as its
// SQLSTATE and message.
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

public class ReadmeClients {
	private static PrintWriter out;

	public static void main(String[] args) throws Exception {
		String url = args[0];
		Path blocks = Path.of(args[1]);
		out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8));
		out.println("driver\tpgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION
				+ "\tjvm zone " + java.util.TimeZone.getDefault().getID());
		for (String line : Files.readAllLines(blocks.resolve("manifest.tsv"))) {
			String[] f = line.split("\t", -1);
			if (!f[2].equals("run"))
				continue;
			out.println("block\t" + f[0]);
			String sql = Files.readString(blocks.resolve(f[0] + ".sql"));
			try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
				boolean isResult = st.execute(sql);
				while (true) {
					if (isResult) {
						try (ResultSet rs = st.getResultSet()) {
							resultSet(rs);
						}
					} else if (st.getUpdateCount() == -1) {
						break;
					}
					isResult = st.getMoreResults();
				}
			} catch (SQLException e) {
				error(e);
			}
		}
		for (String line : Files.readAllLines(Path.of(args[2]))) {
			if (line.startsWith("#") || line.isBlank())
				continue;
			String[] f = line.split("\t", -1);
			out.println("case\t" + f[0]);
			// $n placeholders become ?: each $n appears once, in order, in every case
			String caseUrl = f.length > 6 && !f[6].isEmpty() ? url + (url.contains("?") ? "&" : "?") + f[6] : url;
			try (Connection c = DriverManager.getConnection(caseUrl);
					PreparedStatement ps = c.prepareStatement(f[1].replaceAll("\\$[0-9]+", "?"))) {
				bind(ps, f[2]);
				try (ResultSet rs = ps.executeQuery()) {
					resultSet(rs);
				}
			} catch (SQLException e) {
				error(e);
			}
		}
		out.close();
	}

	// bind PS PARAMS: "kind:value" items separated by " | "; the kind names the setter a
	// Java program uses for such a value
	private static void bind(PreparedStatement ps, String params) throws SQLException {
		if (params.isEmpty())
			return;
		List<String> items = List.of(params.split(" \\| "));
		for (int i = 0; i < items.size(); i++) {
			String kind = items.get(i).substring(0, items.get(i).indexOf(':'));
			String v = items.get(i).substring(kind.length() + 1);
			switch (kind) {
				case "s" -> ps.setString(i + 1, v);
				case "ts" -> ps.setTimestamp(i + 1, Timestamp.from(Instant.parse(v)));
				case "i" -> ps.setInt(i + 1, Integer.parseInt(v));
				case "d" -> ps.setDouble(i + 1, Double.parseDouble(v));
				default -> throw new IllegalArgumentException("unknown parameter kind " + kind);
			}
		}
	}

	private static void resultSet(ResultSet rs) throws SQLException {
		ResultSetMetaData md = rs.getMetaData();
		int n = md.getColumnCount();
		String[] cls = new String[n];     // class of the column's first non-NULL value
		StringBuilder rows = new StringBuilder();
		int count = 0;
		while (rs.next()) {
			rows.append("row");
			for (int i = 1; i <= n; i++) {
				Object o = rs.getObject(i);
				if (o != null && cls[i - 1] == null)
					cls[i - 1] = o.getClass().getName();
				rows.append('\t').append(o == null ? "\\N" : esc(value(o, md.getColumnTypeName(i))));
			}
			rows.append('\n');
			count++;
		}
		out.println("result\t" + n + "\t" + count);
		for (int i = 1; i <= n; i++)
			out.println("col\t" + esc(md.getColumnLabel(i)) + "\t" + md.getColumnType(i) + "\t"
					+ md.getColumnTypeName(i) + "\t" + (cls[i - 1] == null ? "null" : cls[i - 1]));
		out.print(rows);
	}

	// value OBJ TYPENAME: what getObject returned (not NULL), rendered so that compare.py can set it
	// against psql's text: numbers exactly (a double as its round-trip decimal), a
	// timestamptz as its instant in epoch microseconds, a timestamp or date as its
	// wall-clock text, booleans as t/f, anything else as CLASS:text (flagged there)
	private static String value(Object o, String type) {
		if (o instanceof Double || o instanceof Float || o instanceof Integer || o instanceof Long
				|| o instanceof Short)
			return o.toString();
		if (o instanceof BigDecimal b)
			return b.toPlainString();
		if (o instanceof String s)
			return s;
		if (o instanceof Boolean b)
			return b ? "t" : "f";
		if (o instanceof Timestamp t) {
			if (type.equals("timestamptz")) {
				Instant i = t.toInstant();
				return "I:" + (BigDecimal.valueOf(i.getEpochSecond()).multiply(BigDecimal.valueOf(1000000))
						.add(BigDecimal.valueOf(i.getNano() / 1000))).toPlainString();
			}
			return "W:" + t.toLocalDateTime().toString().replace('T', ' ');
		}
		if (o instanceof java.sql.Date d)
			return "W:" + d.toLocalDate().toString();
		return o.getClass().getName() + ":" + o;
	}

	private static void error(SQLException e) {
		out.println("error\t" + e.getSQLState() + "\t" + esc(e.getMessage()));
	}

	private static String esc(String s) {
		return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}
}

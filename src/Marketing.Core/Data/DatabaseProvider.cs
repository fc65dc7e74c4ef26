namespace Marketing.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

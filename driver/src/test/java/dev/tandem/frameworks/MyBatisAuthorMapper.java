package dev.tandem.frameworks;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import java.util.List;

/**
 * The slice's SQL as a MyBatis annotated mapper. {@code ${author}} and {@code ${book}} are configuration variables
 * (the test's table names), substituted once when the mapper is parsed; every value is a {@code #{}} parameter.
 */
public interface MyBatisAuthorMapper {

    /** An author row with a book title; the slice groups them. */
    record Row(long id, String firstName, String lastName, String email, int version, String title) {
    }

    /** The author's generated key, written back into {@link NewAuthor#id}. */
    final class NewAuthor {
        public Long id;
        public final String firstName;
        public final String lastName;
        public final String email;

        NewAuthor(Author a) {
            this.firstName = a.first();
            this.lastName = a.last();
            this.email = a.email();
        }
    }

    @Insert("INSERT INTO ${author} (first_name, last_name, email) VALUES (#{firstName}, #{lastName}, #{email})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    int insertAuthor(NewAuthor author);

    @Insert("INSERT INTO ${book} (author_id, title) VALUES (#{authorId}, #{title})")
    int insertBook(@Param("authorId") long authorId, @Param("title") String title);

    @Select("SELECT version FROM ${author} WHERE id = #{id}")
    int version(long id);

    @Update("UPDATE ${author} SET last_name = #{last}, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int rename(@Param("id") long id, @Param("version") int version, @Param("last") String last);

    @Delete("DELETE FROM ${book} WHERE author_id = #{id}")
    int deleteBooks(long id);

    @Delete("DELETE FROM ${author} WHERE id = #{id}")
    int deleteAuthor(long id);

    @Select("SELECT a.id, a.first_name, a.last_name, a.email, a.version, b.title FROM ${author} a"
            + " LEFT JOIN ${book} b ON b.author_id = a.id ORDER BY a.id, b.title")
    List<Row> all();

    @Select("SELECT a.id, a.first_name, a.last_name, a.email, a.version, b.title FROM ${author} a"
            + " LEFT JOIN ${book} b ON b.author_id = a.id WHERE a.last_name = #{last} ORDER BY a.id, b.title")
    List<Row> byLastName(String last);

    @Select("SELECT COUNT(*) FROM ${author} WHERE last_name = #{last}")
    long countByLastName(String last);
}
